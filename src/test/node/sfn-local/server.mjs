// A test double of AWS Step Functions, not AWS: an HTTP server speaking the service's JSON protocol
// (StartExecution, DescribeExecution, StopExecution, SendTaskSuccess, SendTaskFailure) that runs a
// state machine definition with the aws-local-stepfunctions interpreter. Faithful where it matters:
// - a Task state "arn:aws:states:::sqs:sendMessage.waitForTaskToken" sends its evaluated MessageBody
//   to the given SQS-compatible queue and waits for SendTaskSuccess/SendTaskFailure. The task token
//   reaches the message only through the state's Parameters ("$$.Task.Token"): a body without it
//   fails the task, as the application could never answer it;
// - a Task state "arn:aws:states:::states:startExecution" starts another execution of the machine
//   named in its Parameters and returns {ExecutionArn, StartDate};
// - each execution's history events are counted as AWS counts them (ExecutionStarted, each state's
//   Entered/Exited, a task's Scheduled/Started/Submitted and Succeeded/Failed/TimedOut, the execution's
//   end), and an execution going past the quota (25,000, or /test/quota?events=N) fails with
//   States.Runtime, as AWS fails it;
// - Retry and Catch run as the definition says (the interpreter's), retry intervals shortened to 100 ms.
// Usage: node server.mjs <port> <definition.asl.json>. Test hooks: POST /test/hold, /test/release,
// /test/time-out?arn=... (an execution that outlived its timeout), /test/lose-callbacks?on=true|false,
// /test/quota?events=N, /test/time-out-tasks?count=N (the next N callback tasks time out unsent),
// /test/fail-tasks?count=N&error=E (the next N callback tasks fail with E, unsent),
// /test/hold-successors?on=true|false (tasks of successor executions wait until released),
// GET /test/stats (executions with their history event counts).
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

const SQS_CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
const START_EXECUTION = 'arn:aws:states:::states:startExecution';
const TOKEN_PLACEHOLDER = 'task-token-from-the-context-object';

const [port, definitionPath] = process.argv.slice(2);
const definition = JSON.parse(fs.readFileSync(definitionPath, 'utf8'));
const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
const taskStates = (resource) => Object.entries(definition.States)
  .filter(([, s]) => s.Type === 'Task' && s.Resource === resource).map(([name]) => name);

const executions = new Map(); // arn -> {status, error, cause, output, run, events, startDate}
const tasks = new Map();      // token -> {resolve, reject, arn}
let holding = false;
let losingCallbacks = false;
let quota = 25000;
let tasksToTimeOut = 0;
let tasksToFail = 0;
let failWith = 'Listing.Transient';
let holdingSuccessors = false;
const heldSuccessors = [];
const held = [];

async function sendToQueue(queueUrl, body) {
  const response = await fetch(queueUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AmazonSQS.SendMessage' },
    body: JSON.stringify({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error('SQS refused the task: ' + response.status + ' ' + await response.text());
}

function named(name, message) {
  return Object.assign(new Error(message), { name });
}

/** One more history event for the execution; past the quota it fails, as AWS fails it. */
function record(arn, count = 1) {
  const execution = executions.get(arn);
  if (!execution || execution.status !== 'RUNNING') return;
  execution.events += count;
  if (execution.events > quota) {
    end(arn, 'FAILED', 'States.Runtime',
      `The execution reached the maximum number of history events (${quota}).`);
  }
}

/** The token the Parameters put in the body ("$$.Task.Token"), replaced by a fresh one per task. */
function withFreshToken(value, token) {
  if (value === TOKEN_PLACEHOLDER) return { value: token, found: true };
  if (Array.isArray(value)) {
    let found = false;
    const items = value.map((v) => { const r = withFreshToken(v, token); found ||= r.found; return r.value; });
    return { value: items, found };
  }
  if (value && typeof value === 'object') {
    let found = false;
    const copy = {};
    for (const [k, v] of Object.entries(value)) {
      const r = withFreshToken(v, token);
      found ||= r.found;
      copy[k] = r.value;
    }
    return { value: copy, found };
  }
  return { value, found: false };
}

function callbackTask(arn) {
  return async (input) => {
    record(arn, 3); // TaskScheduled, TaskStarted, TaskSubmitted
    const token = randomUUID();
    const { promise, resolve, reject } = Promise.withResolvers();
    const { value: body, found } = withFreshToken(input.MessageBody, token);
    if (!found) {
      record(arn); // TaskFailed
      throw named('States.Runtime', 'The message body carries no task token ($$.Task.Token): nobody could answer the task');
    }
    if (tasksToFail > 0) {
      tasksToFail--;
      setTimeout(() => { record(arn); reject(named(failWith, 'injected by the test')); }, 50); // TaskFailed
      return promise;
    }
    if (tasksToTimeOut > 0) {
      tasksToTimeOut--;
      setTimeout(() => { record(arn); reject(named('States.Timeout', 'Task timed out')); }, 100); // TaskTimedOut
      return promise;
    }
    tasks.set(token, {
      resolve: (v) => { record(arn); resolve(v); },  // TaskSucceeded
      reject: (e) => { record(arn); reject(e); },    // TaskFailed
      arn,
    });
    const send = () => sendToQueue(input.QueueUrl, body).catch(reject);
    const successor = (executions.get(arn)?.generation ?? 0) > 0;
    if (holding) held.push(send);
    else if (holdingSuccessors && successor) heldSuccessors.push(send);
    else await send();
    return promise;
  };
}

function startExecutionTask(arn) {
  return async (input) => {
    record(arn, 3);
    try {
      const started = start({ stateMachineArn: input.StateMachineArn, name: input.Name, input: JSON.stringify(input.Input ?? {}) });
      record(arn);
      return { ExecutionArn: started.executionArn, StartDate: started.startDate };
    } catch (e) {
      record(arn);
      throw named('States.TaskFailed', e.message);
    }
  };
}

function start(request) {
  const arn = request.stateMachineArn.replace(':stateMachine:', ':execution:') + ':' + request.name;
  const existing = executions.get(arn);
  if (existing) {
    if (existing.input !== request.input) {
      throw Object.assign(new Error('Execution Already Exists: ' + arn), { type: 'ExecutionAlreadyExists' });
    }
    return { executionArn: arn, startDate: existing.startDate };
  }
  const overrides = { taskResourceLocalHandlers: {}, retryIntervalOverrides: {} };
  for (const name of taskStates(SQS_CALLBACK)) {
    overrides.taskResourceLocalHandlers[name] = callbackTask(arn);
    overrides.retryIntervalOverrides[name] = 100;
  }
  for (const name of taskStates(START_EXECUTION)) {
    overrides.taskResourceLocalHandlers[name] = startExecutionTask(arn);
    overrides.retryIntervalOverrides[name] = 100;
  }
  const input = JSON.parse(request.input);
  const execution = { status: 'RUNNING', events: 1, input: request.input, startDate: Date.now() / 1000, // ExecutionStarted
    generation: Number(input.generation ?? 0) };
  executions.set(arn, execution);
  execution.run = machine.run(input, {
    overrides, noThrowOnAbort: true,
    context: {
      Execution: { Id: arn, Name: request.name, Input: input, StartTime: new Date().toISOString() },
      StateMachine: { Id: request.stateMachineArn, Name: request.stateMachineArn.split(':').pop() },
      Task: { Token: TOKEN_PLACEHOLDER },
    },
  });
  (async () => {
    for await (const event of execution.run.eventLogs) {
      if (event.type === 'StateEntered' || event.type === 'StateExited') record(arn);
    }
  })().catch(() => {});
  execution.run.result.then(
    (output) => {
      if (execution.status !== 'RUNNING') return;
      record(arn); // ExecutionSucceeded
      if (execution.status !== 'RUNNING') return;
      execution.status = 'SUCCEEDED';
      execution.output = JSON.stringify(output ?? null);
    },
    (e) => {
      if (execution.status !== 'RUNNING') return;
      record(arn); // ExecutionFailed
      execution.status = 'FAILED';
      execution.error = e.cause?.name ?? e.name;
      execution.cause = e.cause?.message ?? e.message;
    });
  return { executionArn: arn, startDate: execution.startDate };
}

function end(arn, status, error, cause) {
  const execution = executions.get(arn);
  if (!execution || execution.status !== 'RUNNING') return;
  execution.status = status;
  if (error) { execution.error = error; execution.cause = cause; }
  execution.run.abort();
  for (const [token, task] of tasks) if (task.arn === arn) tasks.delete(token);
}

const operations = {
  StartExecution: start,
  DescribeExecution: (r) => {
    const e = executions.get(r.executionArn);
    if (!e) throw Object.assign(new Error('Execution Does Not Exist'), { type: 'ExecutionDoesNotExist' });
    return { executionArn: r.executionArn, status: e.status, startDate: e.startDate,
      ...(e.output !== undefined ? { output: e.output } : {}),
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
    task.reject(named(r.error ?? 'States.TaskFailed', r.cause ?? ''));
    return {};
  },
};

function stats() {
  const all = [];
  for (const [arn, e] of executions) {
    all.push({ arn, status: e.status, events: e.events, generation: e.generation, error: e.error ?? null });
  }
  return { quota, executions: all };
}

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
    else if (url.pathname === '/test/quota') { quota = Number(url.searchParams.get('events')); body = {}; }
    else if (url.pathname === '/test/time-out-tasks') { tasksToTimeOut = Number(url.searchParams.get('count')); body = {}; }
    else if (url.pathname === '/test/fail-tasks') {
      tasksToFail = Number(url.searchParams.get('count'));
      failWith = url.searchParams.get('error') ?? 'Listing.Transient';
      body = {};
    }
    else if (url.pathname === '/test/hold-successors') {
      holdingSuccessors = url.searchParams.get('on') === 'true';
      if (!holdingSuccessors) heldSuccessors.splice(0).forEach((send) => send());
      body = {};
    }
    else if (url.pathname === '/test/stats') { body = stats(); }
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
