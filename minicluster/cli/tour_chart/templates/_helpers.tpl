{{- define "agents.fullname" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "agents.hookJob" -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "agents.fullname" .root }}-{{ .name }}
  annotations:
    "helm.sh/hook": {{ .event | quote }}
    "helm.sh/hook-weight": {{ .weight | quote }}
    {{- with .policy }}
    "helm.sh/hook-delete-policy": {{ . | quote }}
    {{- end }}
spec:
  backoffLimit: 0
  activeDeadlineSeconds: 120
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: {{ .name }}
          image: "{{ .root.Values.image.repository }}:{{ .root.Values.image.tag }}"
          command: ["sh", "-c", {{ .script | quote }}]
{{- end -}}
