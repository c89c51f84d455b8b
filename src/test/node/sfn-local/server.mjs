// A test double of AWS Step Functions, not AWS: an HTTP server speaking the service's JSON protocol
// (StartExecution, DescribeExecution, StopExecution, SendTaskSuccess, SendTaskFailure) that runs a
// state machine definition with the aws-local-stepfunctions interpreter. Each Task state whose
// resource is "arn:aws:states:::sqs:sendMessage.waitForTaskToken" sends its MessageBody, with a fresh
// task_token, to the given SQS-compatible queue URL and waits for SendTaskSuccess/SendTaskFailure.
// Usage: node server.mjs <port> <definition.asl.json>. Test hooks: POST /test/hold, /test/release,
// /test/time-out?arn=... (an execution that outlived its timeout), /test/lose-callbacks?on=true|false.
if (!Promise.withResolvers) { // Node 20
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
import { StateMachine } from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

const [port, definitionPath] = process.argv.slice(2);
const definition = JSON.parse(fs.readFileSync(definitionPath, 'utf8'));
const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
const callbackStates = Object.entries(definition.States)
  .filter(([, s]) => s.Type === 'Task' && s.Resource === 'arn:aws:states:::sqs:sendMessage.waitForTaskToken')
  .map(([name]) => name);

const executions = new Map(); // arn -> {status, error, cause, run}
const tasks = new Map();      // token -> {resolve, reject, arn}
let holding = false;
let losingCallbacks = false;
const held = [];

async function sendToQueue(queueUrl, body) {
  const response = await fetch(queueUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AmazonSQS.SendMessage' },
    body: JSON.stringify({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error('SQS refused the task: ' + response.status + ' ' + await response.text());
}

function handlerFor(arn) {
  return async (input) => {
    const token = randomUUID();
    const { promise, resolve, reject } = Promise.withResolvers();
    tasks.set(token, { resolve, reject, arn });
    const send = () => sendToQueue(input.QueueUrl, { ...input.MessageBody, task_token: token }).catch(reject);
    if (holding) held.push(send); else await send();
    return promise;
  };
}

function start(request) {
  const arn = request.stateMachineArn.replace(':stateMachine:', ':execution:') + ':' + request.name;
  if (executions.has(arn)) return { executionArn: arn, startDate: Date.now() / 1000 };
  const overrides = { taskResourceLocalHandlers: {}, retryIntervalOverrides: {} };
  for (const name of callbackStates) {
    overrides.taskResourceLocalHandlers[name] = handlerFor(arn);
    overrides.retryIntervalOverrides[name] = 100;
  }
  const execution = { status: 'RUNNING' };
  executions.set(arn, execution);
  execution.run = machine.run(JSON.parse(request.input), {
    overrides, noThrowOnAbort: true, context: { Task: { Token: 'replaced-per-task' } },
  });
  execution.run.result.then(
    () => { if (execution.status === 'RUNNING') execution.status = 'SUCCEEDED'; },
    (e) => {
      if (execution.status !== 'RUNNING') return;
      execution.status = 'FAILED';
      execution.error = e.cause?.name ?? e.name;
      execution.cause = e.cause?.message ?? e.message;
    });
  return { executionArn: arn, startDate: Date.now() / 1000 };
}

function end(arn, status) {
  const execution = executions.get(arn);
  if (!execution || execution.status !== 'RUNNING') return;
  execution.status = status;
  execution.run.abort();
  for (const [token, task] of tasks) if (task.arn === arn) tasks.delete(token);
}

const operations = {
  StartExecution: start,
  DescribeExecution: (r) => {
    const e = executions.get(r.executionArn);
    if (!e) throw Object.assign(new Error('Execution Does Not Exist'), { type: 'ExecutionDoesNotExist' });
    return { executionArn: r.executionArn, status: e.status, startDate: Date.now() / 1000,
      ...(e.error ? { error: e.error, cause: e.cause } : {}) };
  },
  StopExecution: (r) => { end(r.executionArn, 'ABORTED'); return { stopDate: Date.now() / 1000 }; },
  SendTaskSuccess: (r) => {
    const task = tasks.get(r.taskToken);
    if (!task) throw Object.assign(new Error('Task Does Not Exist'), { type: 'TaskDoesNotExist' });
    if (losingCallbacks) return {}; // accepted, then lost: the execution never hears of it
    tasks.delete(r.taskToken);
    task.resolve(JSON.parse(r.output));
    return {};
  },
  SendTaskFailure: (r) => {
    const task = tasks.get(r.taskToken);
    if (!task) throw Object.assign(new Error('Task Does Not Exist'), { type: 'TaskDoesNotExist' });
    tasks.delete(r.taskToken);
    task.reject(Object.assign(new Error(r.cause ?? ''), { name: r.error ?? 'States.TaskFailed' }));
    return {};
  },
};

http.createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const url = new URL(req.url, 'http://localhost');
  let status = 200;
  let body;
  try {
    if (url.pathname === '/test/hold') { holding = true; body = {}; }
    else if (url.pathname === '/test/release') { holding = false; held.splice(0).forEach((send) => send()); body = {}; }
    else if (url.pathname === '/test/time-out') { end(url.searchParams.get('arn'), 'TIMED_OUT'); body = {}; }
    else if (url.pathname === '/test/lose-callbacks') { losingCallbacks = url.searchParams.get('on') === 'true'; body = {}; }
    else {
      const target = req.headers['x-amz-target'] ?? '';
      const operation = operations[target.slice(target.indexOf('.') + 1)];
      if (!operation) throw Object.assign(new Error('Unknown operation ' + target), { type: 'UnknownOperationException' });
      body = await operation(JSON.parse(Buffer.concat(chunks).toString() || '{}'));
    }
  } catch (e) {
    status = 400;
    body = { __type: e.type ?? 'InternalError', message: e.message };
  }
  res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify(body));
}).listen(Number(port), '127.0.0.1', () => console.log('sfn-local listening on ' + port));
