import { setSourceMapsSupport } from 'node:module';

// Stack traces name the TypeScript lines of our own code. Not the libraries' (node --enable-source-maps
// would parse every map under node_modules as it loads, about 50 MiB more per service for frames of
// code we do not maintain). Imported first by this library's index, which each service imports first.
setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });
