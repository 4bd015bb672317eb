// Reads Surefire-format reports (TEST-*.xml, as Surefire and the plugin write them) and checks the example's
// tests in them. Loaded by the verify scripts with evaluate(); returns a map of closures.
// The invoker gives every script exampleDir (the cloned example project) and itDir (this folder); its own
// variable basedir is the folder of the script, not the project.
import javax.xml.parsers.DocumentBuilderFactory

// One entry per <testcase>: its class, name, verdict (passed, failed, skipped, flaky) and system-out.
def testCases = { File dir ->
    def files = dir.listFiles({ f -> f.name ==~ /TEST-.*\.xml/ } as FileFilter)
    assert files : "no TEST-*.xml in ${dir}"
    def cases = []
    files.sort().each { file ->
        def nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).getElementsByTagName('testcase')
        for (int i = 0; i < nodes.length; i++) {
            def tc = nodes.item(i)
            def children = (0..<tc.childNodes.length).collect { tc.childNodes.item(it) }.findAll { it.nodeType == 1 }
            def names = children*.nodeName as Set
            def verdict = (names.contains('failure') || names.contains('error')) ? 'failed'
                    : names.contains('skipped') ? 'skipped'
                    : (names.contains('flakyFailure') || names.contains('flakyError')) ? 'flaky' : 'passed'
            def out = children.find { it.nodeName == 'system-out' }?.textContent ?: ''
            cases << [cls: tc.getAttribute('classname'), name: tc.getAttribute('name'), verdict: verdict, out: out,
                      file: file.name]
        }
    }
    cases
}

// The example's tests, each class with its number of test cases; GpuKernelTest only where a tagged worker ran it.
def checkExample = { List cases, boolean withGpu ->
    def expected = ['io.dtf.examples.words.WordCounterTest': 4, 'io.dtf.examples.words.StemmerTest': 5,
                    'io.dtf.examples.words.CorpusFileTest': 2, 'io.dtf.examples.words.FlakyOnFirstAttemptTest': 1]
    if (withGpu) {
        expected['io.dtf.examples.words.GpuKernelTest'] = 1
    }
    def counts = cases.countBy { it.cls }
    assert counts == expected : "test cases per class: expected ${expected}, got ${counts}"
    def describe = { List some -> some.collect { it.cls + '#' + it.name + '=' + it.verdict } }
    def flaky = cases.findAll { it.verdict == 'flaky' }*.cls
    assert flaky == ['io.dtf.examples.words.FlakyOnFirstAttemptTest'] : "flaky tests: ${describe(cases)}"
    def notPassed = cases.findAll { it.verdict != 'passed' && it.verdict != 'flaky' }
    assert notPassed.isEmpty() : "tests that did not pass: ${describe(notPassed)}"
    println "checked ${cases.size()} test cases in ${cases*.file.unique().size()} report files: ${counts}, flaky ${flaky}"
}

[testCases: testCases, checkExample: checkExample]
