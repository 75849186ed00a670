// Offline checks of the deploy files, run by the tests and by hand:
//   node deploy/kubernetes/validate/validate.mjs [manifest folder] [Dockerfile]
// 1. Every manifest validates against the Kubernetes API schemas bundled by kubernetes-models (no cluster needed).
// 2. What the silo needs of them holds: non-root, read-only root file system, /health and /ready probes, the storage
//    connection string and TLS from Secrets, the Orleans labels, and a PodDisruptionBudget and Services that select the silos.
// 3. The Dockerfile passes dockerfile-utils' linter, runs as a non-root user and has a health check.
// Prints one line per check; exits 1 if any failed.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";
import * as yaml from "js-yaml";
import { validate as lintDockerfile } from "dockerfile-utils";

const here = dirname(fileURLToPath(import.meta.url));
const folder = process.argv[2] ?? join(here, "..");
const dockerfile = process.argv[3] ?? join(here, "..", "..", "container", "Dockerfile");
let failures = 0;
const ok = (what) => console.log(`ok    ${what}`);
const fail = (what) => { failures++; console.log(`FAIL  ${what}`); };
const check = (condition, what) => (condition ? ok(what) : fail(what));

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  try {
    const module = await import(path);
    return module[kind];
  } catch {
    return undefined;
  }
}

const resources = [];
for (const file of readdirSync(folder).filter((f) => f.endsWith(".yaml")).sort()) {
  const documents = yaml.loadAll(readFileSync(join(folder, file), "utf8")).filter(Boolean);
  for (const doc of documents) {
    const name = `${file}: ${doc.kind}/${doc.metadata?.name ?? "?"}`;
    if (doc.kind === "Kustomization") {
      const missing = (doc.resources ?? []).filter((r) => !existsSync(join(folder, r)));
      check(missing.length === 0, `${name} lists only files that exist${missing.length ? ` (missing: ${missing.join(", ")})` : ""}`);
      continue;
    }
    const Model = await modelFor(doc.apiVersion ?? "", doc.kind ?? "");
    if (!Model) {
      fail(`${name}: no Kubernetes schema for apiVersion ${doc.apiVersion}, kind ${doc.kind}`);
      continue;
    }
    try {
      new Model(doc).validate();
      ok(`${name} matches the Kubernetes ${doc.apiVersion} ${doc.kind} schema`);
    } catch (e) {
      fail(`${name} does not match the Kubernetes schema: ${e.message}`);
    }
    resources.push({ file, doc });
  }
}

const of = (kind) => resources.filter((r) => r.doc.kind === kind).map((r) => r.doc);
const selects = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const deployments = of("Deployment");
check(deployments.length === 1, "one Deployment of silos");
for (const deployment of deployments) {
  const pod = deployment.spec.template;
  const labels = pod.metadata?.labels ?? {};
  const container = pod.spec.containers[0];
  const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));
  check(labels["orleans/serviceId"] && labels["orleans/clusterId"], "silo pods carry the orleans/serviceId and orleans/clusterId labels Kubernetes hosting looks for");
  check(env.Ledgerlink__Clustering__Kubernetes?.value === "true", "silos use Microsoft.Orleans.Hosting.Kubernetes");
  check(["AzureTable", "Redis"].includes(env.Ledgerlink__Clustering__Mode?.value), "silos share a membership table (AzureTable or Redis)");
  check(pod.spec.securityContext?.runAsNonRoot === true, "pods run as non-root");
  check(container.securityContext?.readOnlyRootFilesystem === true, "the root file system is read-only");
  check(container.securityContext?.allowPrivilegeEscalation === false, "no privilege escalation");
  check(container.livenessProbe?.httpGet?.path === "/health", "liveness probe on /health");
  check(container.readinessProbe?.httpGet?.path === "/ready", "readiness probe on /ready");
  check(env.Ledgerlink__Storage__ConnectionString?.valueFrom?.secretKeyRef, "the storage connection string comes from a Secret");
  const tlsMount = (container.volumeMounts ?? []).find((m) => env.Ledgerlink__Tls__CertificatePath?.value?.startsWith(m.mountPath));
  const tlsVolume = (pod.spec.volumes ?? []).find((v) => v.name === tlsMount?.name);
  check(tlsVolume?.secret?.secretName, "the TLS certificate is mounted from a Secret");
  const podDisruptionBudgets = of("PodDisruptionBudget");
  check(podDisruptionBudgets.some((p) => selects(p.spec.selector?.matchLabels, labels)), "a PodDisruptionBudget selects the silo pods");
  const services = of("Service");
  const portNames = new Set((container.ports ?? []).map((p) => p.name));
  for (const service of services) {
    check(selects(service.spec.selector, labels), `Service ${service.metadata.name} selects the silo pods`);
    check(service.spec.ports.every((p) => typeof p.targetPort !== "string" || portNames.has(p.targetPort)),
      `Service ${service.metadata.name} targets ports the silo container names`);
  }
  check(services.some((s) => s.spec.ports.some((p) => p.targetPort === "gateway")), "a Service exposes the agent gateway");
}

if (existsSync(dockerfile)) {
  const content = readFileSync(dockerfile, "utf8");
  const problems = lintDockerfile(content);
  for (const p of problems) {
    fail(`${basename(dockerfile)}:${p.range.start.line + 1}: ${p.message}`);
  }
  check(problems.length === 0, `${basename(dockerfile)} passes dockerfile-utils' linter`);
  const lastStage = content.slice(content.lastIndexOf("\nFROM "));
  const user = [...lastStage.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]).pop();
  check(user && user !== "root" && user !== "0", "the image runs as a non-root user");
  check(/^HEALTHCHECK\s+/m.test(lastStage), "the image has a health check");
} else {
  fail(`no Dockerfile at ${dockerfile}`);
}

console.log(failures === 0 ? "All deploy checks passed." : `${failures} deploy check(s) failed.`);
process.exit(failures === 0 ? 0 : 1);
