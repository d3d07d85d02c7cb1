import module from "node:module";

module.enableCompileCache(process.argv[2]);
// Parsing (linking) a module graph compiles every module in it; evaluation
// stops at the first module, which throws, so no program runs.
const files = process.argv.slice(3);
for (const file of files) {
  const src = `import "data:text/javascript,throw new Error('stop')"; import ${JSON.stringify(file)};`;
  try {
    await import("data:text/javascript," + encodeURIComponent(src));
  } catch (e) {}
}
module.flushCompileCache();
console.log(module.getCompileCacheDir());
