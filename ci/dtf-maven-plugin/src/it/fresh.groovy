// Before a build of the example: the invoker's clone carries whatever target/ a developer's own run left in
// examples/maven-project (reports, markers); each build starts without one, as from a clean checkout.
new File(exampleDir, 'target').deleteDir()
return true
