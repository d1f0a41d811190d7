{{- define "my-agent-chart.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "my-agent-chart.pgEnv" -}}
- name: PGHOST
  value: {{ .Values.postgres.host }}
- name: PGUSER
  value: {{ .Values.postgres.user }}
- name: PGDATABASE
  value: {{ .Values.postgres.database }}
- name: PGPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgres.secretName }}
      key: password
{{- end -}}
