// The smallest stdio JSON-RPC server: answers every request at once with an empty result, so a round trip through it
// is almost all pipe and process overhead, which is what the wrapper could add to.
const readline = require("node:readline");
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const message = JSON.parse(line);
  if (message.id !== undefined && message.method !== undefined) {
    process.stdout.write(JSON.stringify({ result: {}, jsonrpc: "2.0", id: message.id }) + "\n");
  }
});
