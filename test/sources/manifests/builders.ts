// Small manifest builders (YAML text) for the loader tests.

export function deployment(name: string, labels: Record<string, string>, extra = ''): string {
  const l = JSON.stringify(labels);
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: ${l}
  template:
    metadata:
      labels: ${l}
      annotations: {kubectl.kubernetes.io/default-container: app}
    spec:
      containers:
        - name: app
          image: example/${name}
          ports: [{name: http, containerPort: 8080}]
${extra}`;
}

export function service(name: string, selector: Record<string, string>): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: ${JSON.stringify(selector)}
  ports: [{port: 80, targetPort: http}]
`;
}

export function docs(...parts: string[]): string {
  return parts.join('\n---\n');
}
