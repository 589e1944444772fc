// Run an actions/github-script script against an in-memory repository's issues, as
// github-script runs it (the body of an async function of require, github, context and core).
// Usage: node github_script_stub.mjs SCRIPT STATE
// STATE is a JSON file {"issues": [...], "labels": [...], "unassignable": [...]}, rewritten with
// the issues and labels after the run, and "calls": the API calls made, in order.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const [scriptPath, statePath] = process.argv.slice(2);
const state = JSON.parse(readFileSync(statePath, "utf8"));
const calls = [];
const find = (number) => state.issues.find((issue) => issue.number === number);

function notFound() {
  const error = new Error("Not Found");
  error.status = 404;
  return error;
}

// Only the endpoints the script may use; any other name is a TypeError, so the test sees it.
const issues = {
  async listForRepo(params) {
    calls.push(["listForRepo", params]);
    const wanted = params.labels.split(",");
    const found = state.issues.filter(
      (issue) =>
        issue.state === params.state && wanted.every((label) => issue.labels.includes(label)),
    );
    return { data: structuredClone(found) };
  },
  async getLabel({ name }) {
    calls.push(["getLabel", { name }]);
    if (!state.labels.includes(name)) throw notFound();
    return { data: { name } };
  },
  async createLabel(params) {
    calls.push(["createLabel", params]);
    state.labels.push(params.name);
    return { data: { name: params.name } };
  },
  async create(params) {
    calls.push(["create", params]);
    const number = Math.max(0, ...state.issues.map((issue) => issue.number)) + 1;
    const issue = {
      number,
      title: params.title,
      body: params.body,
      labels: params.labels,
      state: "open",
      assignees: [],
    };
    state.issues.push(issue);
    return { data: structuredClone(issue) };
  },
  async update(params) {
    calls.push(["update", params]);
    const issue = find(params.issue_number);
    if (!issue) throw notFound();
    for (const key of ["title", "body", "state", "state_reason"]) {
      if (key in params) issue[key] = params[key];
    }
    return { data: structuredClone(issue) };
  },
  async addAssignees(params) {
    calls.push(["addAssignees", params]);
    const issue = find(params.issue_number);
    // As GitHub does: a login that cannot be assigned is left out, silently.
    for (const login of params.assignees) {
      if (!(state.unassignable || []).includes(login)) issue.assignees.push({ login });
    }
    return { data: structuredClone(issue) };
  },
  async createComment(params) {
    calls.push(["createComment", params]);
    const issue = find(params.issue_number);
    issue.comments = [...(issue.comments || []), params.body];
    return { data: {} };
  },
};

const github = {
  rest: { issues },
  async paginate(method, params) {
    return (await method(params)).data;
  },
};
const context = { repo: { owner: "acme", repo: "sms" }, serverUrl: "https://github.com" };
const core = {
  info: (text) => calls.push(["info", text]),
  warning: (text) => calls.push(["warning", text]),
};

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
const script = new AsyncFunction("require", "github", "context", "core", readFileSync(scriptPath, "utf8"));
await script(createRequire(import.meta.url), github, context, core);
writeFileSync(statePath, JSON.stringify({ ...state, calls }, null, 2));
