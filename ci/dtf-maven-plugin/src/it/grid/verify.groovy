// The example through the plugin on the grid setup.groovy started: every test ran, the flaky one was rerun and
// reported flaky, the one that needs example-gpu ran on the worker tagged so, and the JMH goal printed scores.
// Stops the grid first, whatever the checks find.
def nodesDir = new File(exampleDir, '../nodes').canonicalFile
def pids = new File(nodesDir, 'pids').readLines().findAll { it }.collect { it as long }
def handles = pids.collect { ProcessHandle.of(it) }.findAll { it.present }*.get()
handles.each { it.destroy() }
handles.each { h ->
    try {
        h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS)
    } catch (java.util.concurrent.TimeoutException e) {
        h.destroyForcibly()
    }
}

def reports = evaluate(new File(itDir, 'reports.groovy'))
def log = new File(exampleDir, 'build.log').text
assert log.contains('BUILD SUCCESS') : 'the plugin build of the example on the grid failed'
def cases = reports.testCases(new File(exampleDir, 'target/dtf-reports'))
reports.checkExample(cases, true)

// GpuKernelTest writes its working directory down: it must lie in the tagged worker's data directory.
def witness = new File(exampleDir, 'target/witness/GpuKernelTest.txt')
assert witness.exists() : "GpuKernelTest left no ${witness}: the plugin did not pass Surefire's " +
        'systemPropertyVariables, or the test did not run'
def ranIn = new File(witness.text.trim()).canonicalPath
def gpuDir = new File(nodesDir, 'gpu').canonicalPath
assert ranIn.startsWith(gpuDir + File.separator) :
        "GpuKernelTest ran in ${ranIn}, not on the worker tagged example-gpu (${gpuDir})"

// The JMH goal prints one line per benchmark and parameter set, with its score.
def scored = log.readLines().findAll { it =~ /WordCounterBenchmark\.(count|top)/ && it =~ /\d+[.,]\d+/ }
assert scored.any { it.contains('WordCounterBenchmark.count') } &&
        scored.any { it.contains('WordCounterBenchmark.top') } :
        'the JMH goal printed no scores for WordCounterBenchmark.count and .top'
println "JMH scores printed:\n  " + scored.join('\n  ')
return true
