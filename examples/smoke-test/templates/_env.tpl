{{- define "my-app.dbEnv" -}}
- name: PGHOST
  value: postgres
- name: PGUSER
  value: agents
- name: PGDATABASE
  value: agents
- name: PGPASSWORD
  valueFrom:
    secretKeyRef:
      name: agents-db
      key: password
{{- end -}}
