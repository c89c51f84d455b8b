// How the shipped listing state machine grows its history: runs it in the Step Functions test
// double (src/test/node/sfn-local, which counts history events as AWS does and fails an execution
// past the quota) for PAGES pages, answering every listing task at once from a stand-in for the
// listing queue (no S3, no application: this measures the machine, not the listing). Prints the
// history events of each execution, the executions used, and the projection for 10,000,000
// objects in pages of 1,000, beside the quota; then the same run without the hand-over (a
// pages_per_execution larger than the listing), to show where the single execution fails.
// Usage: node bench/sfn/chain.mjs [pages=10000] [pagesPerExecution=1000] [quota=25000]
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const [pages = 10000, perExecution = 1000, quota = 25000] = process.argv.slice(2).map(Number);
const sfnPort = 18000 + Math.floor(Math.random() * 2000);
const queuePort = sfnPort + 1;

const double = spawn('node', ['server.mjs', String(sfnPort), path.join(root, 'src/main/resources/statemachine/listing.asl.json')],
  { cwd: path.join(root, 'src/test/node/sfn-local'), stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => double.stdout.once('data', resolve));

async function sfn(operation, body) {
  const response = await fetch(`http://127.0.0.1:${sfnPort}/`, {
    method: 'POST', headers: { 'X-Amz-Target': 'AWSStepFunctions.' + operation, 'Content-Type': 'application/x-amz-json-1.0' },
    body: JSON.stringify(body),
  });
  return response.json();
}
const hook = (p) => fetch(`http://127.0.0.1:${sfnPort}${p}`, { method: 'POST' });

// The listing queue: each task is answered at once, page n of the job's PAGES.
let answered = 0;
const queue = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const task = JSON.parse(JSON.parse(Buffer.concat(chunks).toString()).MessageBody);
  res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify({ MessageId: String(answered) }));
  const page = task.continuation_token == null ? 1 : Number(task.continuation_token) + 1;
  answered++;
  const truncated = page < pages;
  await sfn('SendTaskSuccess', { taskToken: task.task_token,
    output: JSON.stringify({ next_continuation_token: truncated ? String(page) : null, is_truncated: truncated }) });
}).listen(queuePort, '127.0.0.1');

async function run(name, pagesPerExecution) {
  answered = 0;
  await hook(`/test/quota?events=${quota}`);
  const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:s3-scanner-listing';
  const started = Date.now();
  await sfn('StartExecution', { stateMachineArn: machine, name, input: JSON.stringify({
    job_id: name, bucket: 'bench', prefix: '', continuation_token: null, pages: 0, generation: 0,
    pages_per_execution: pagesPerExecution, listing_queue_url: `http://127.0.0.1:${queuePort}/queue`,
  }) });
  // wait until no execution of this run is RUNNING
  let mine;
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const stats = await (await fetch(`http://127.0.0.1:${sfnPort}/test/stats`)).json();
    mine = stats.executions.filter((e) => e.arn.includes(name));
    if (mine.length && mine.every((e) => e.status !== 'RUNNING')) break;
  }
  return { mine, seconds: (Date.now() - started) / 1000 };
}

console.log(`listing of ${pages} pages (${pages * 1000} objects in pages of 1,000), history quota ${quota} events`);
const chained = await run('chain-' + Date.now(), perExecution);
const events = chained.mine.map((e) => e.events);
console.log(`with hand-over every ${perExecution} pages: ${chained.mine.length} executions, `
  + `${chained.mine.filter((e) => e.status === 'SUCCEEDED').length} succeeded, pages answered ${answered}, ${chained.seconds.toFixed(1)} s`);
console.log(`  history events per execution: max ${Math.max(...events)}, min ${Math.min(...events)} (quota ${quota}, ${(100 * Math.max(...events) / quota).toFixed(0)}% used)`);
const perPage = (Math.max(...events) - 6) / perExecution;
console.log(`  events per page: ${perPage.toFixed(2)}; projected for 10,000,000 objects (10,000 pages): `
  + `${Math.ceil(10000 / perExecution)} executions of at most ${Math.max(...events)} events each`);
const single = await run('single-' + Date.now(), pages + 1);
const failed = single.mine.find((e) => e.status === 'FAILED');
console.log(`without hand-over (one execution): ${single.mine[0].status}${failed ? ' with ' + failed.error : ''} after `
  + `${answered} pages (${single.mine[0].events} events): the ceiling is about ${Math.floor(quota / perPage)} pages, `
  + `${Math.floor(quota / perPage) * 1000} objects`);
queue.close();
double.kill();
