// The example through the plugin on its embedded grid (no -Ddtf.grid): every test but the one that needs a
// tagged worker (left out by the profile no-gpu) ran, the flaky one was rerun and reported flaky.
def reports = evaluate(new File(itDir, 'reports.groovy'))
def log = new File(exampleDir, 'build.log').text
assert log.contains('BUILD SUCCESS') : 'the plugin build of the example on the embedded grid failed'
def cases = reports.testCases(new File(exampleDir, 'target/dtf-reports'))
reports.checkExample(cases, false)
return true
