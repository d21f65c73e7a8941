// Jest on Node 20 cannot require() ES modules, and NestJS 12, jose 6 and some of their
// dependencies ship only ES modules. This transformer hands files of node_modules that use
// import/export to SWC for conversion to CommonJS and leaves every CommonJS file untouched.
const { createTransformer } = require('@swc/jest');

const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)/m;
const swc = createTransformer({ swcrc: false, module: { type: 'commonjs' }, jsc: { target: 'es2022' } });

module.exports = {
  canInstrument: false,
  getCacheKey(source, path, options) {
    return swc.getCacheKey(source, path, options) + (ESM_SYNTAX.test(source) ? ':esm' : ':cjs');
  },
  process(source, path, options) {
    if (!ESM_SYNTAX.test(source)) return { code: source };
    return swc.process(source, path, options);
  },
};
