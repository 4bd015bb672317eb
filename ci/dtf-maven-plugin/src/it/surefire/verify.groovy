// The example under plain Surefire: every test ran, the flaky one was rerun and reported flaky, the build passed.
def reports = evaluate(new File(itDir, 'reports.groovy'))
def log = new File(exampleDir, 'build.log').text
assert log.contains('BUILD SUCCESS') : 'the Surefire build of the example failed'
def cases = reports.testCases(new File(exampleDir, 'target/surefire-reports'))
reports.checkExample(cases, true)
return true
