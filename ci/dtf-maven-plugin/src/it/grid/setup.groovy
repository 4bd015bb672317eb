// Starts the grid the example runs on, as an operator would: two `dtf node` processes on 127.0.0.1, on the
// ports the pom gives (dtf.it.*): a server that also works, and a worker tagged example-gpu. Both run JVM
// tasks (--allow-commands). verify.groovy stops them (the invoker runs it whatever the build's result);
// the hook below stops them when this Maven ends, should anything end it first.
// The clone carries whatever target/ a developer's own run left in examples/maven-project: start without one.
new File(exampleDir, 'target').deleteDir()
def home = new File(dtfRoot)
def nodesDir = new File(exampleDir, '../nodes').canonicalFile
nodesDir.deleteDir()
int port = itPort as int, comm = itCommPort as int, client = itClientPort as int
def nodes = [
        [name: 'server', args: ['--config', "${home}/config/ignite-server.xml",
                                '--roles', 'coordinator,data,aggregator,worker']],
        [name: 'gpu', args: ['--config', "${home}/config/ignite-worker.xml", '--tags', 'example-gpu']],
]
// One after the other: a worker that starts before the server holds the caches fails to start.
def started = []
Runtime.runtime.addShutdownHook(new Thread({ started.each { it.process.destroyForcibly() } }))
nodes.eachWithIndex { node, i ->
    def dir = new File(nodesDir, node.name)
    dir.mkdirs()
    def command = ["${home}/dtf", 'node', '--data-dir', dir.path, '--bind', '127.0.0.1',
                   '--join', "127.0.0.1:${port}..${port + 9}", '--port', "${port + i}", '--comm-port', "${comm + i}",
                   '--client-port', "${client + i}", '--slots', '2', '--allow-commands'] + node.args
    def log = new File(dir, 'console.log')
    def builder = new ProcessBuilder(command*.toString()).directory(dir).redirectErrorStream(true).redirectOutput(log)
    builder.environment().put('DTF_JAVA_OPTS', '-Xmx512m')
    def process = builder.start()
    started << [name: node.name, process: process]
    new File(nodesDir, 'pids') << "${process.pid()}\n"
    long deadline = System.currentTimeMillis() + 180_000
    while (!(log.exists() && log.text.contains('stop with Ctrl-C'))) {
        if (!process.alive) {
            throw new IllegalStateException("dtf node ${node.name} exited with ${process.exitValue()}:\n${log.text}")
        }
        if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("dtf node ${node.name} not up within 180 s:\n${log.text}")
        }
        Thread.sleep(200)
    }
    println "dtf node ${node.name} up (pid ${process.pid()})"
}
return true
