"""Every text the miniature apiserver returns, worded as kube-apiserver 1.32 words it.

Facts from kubernetes/apimachinery (util/validation, api/errors, util/validation/field) and
kubernetes/kubernetes (pkg/apis/*/validation); see docs/fidelity.md ("api").
"""

from __future__ import annotations

# -- status messages (apimachinery pkg/api/errors) -------------------------------------------
NOT_FOUND = '{resource} "{name}" not found'
ALREADY_EXISTS = '{resource} "{name}" already exists'
GENERATE_NAME_CONFLICT = (
    '{resource} "{name}" already exists, the server was not able to generate a unique name '
    "for the object"
)
CONFLICT = 'Operation cannot be fulfilled on {resource} "{name}": {reason}'
CONFLICT_MODIFIED = (
    "the object has been modified; please apply your changes to the latest version and try again"
)
INVALID = '{kind} "{name}" is invalid: {causes}'
FORBIDDEN = '{resource} "{name}" is forbidden: {reason}'
SERVICE_ACCOUNT_MISSING = (
    'error looking up service account {namespace}/{name}: serviceaccount "{name}" not found'
)
NAMESPACE_IMMORTAL = "this namespace may not be deleted"
NODE_PORT_RANGE = (
    "provided port is not in the valid range. The range of valid ports is 30000-32767"
)
NAMESPACE_TERMINATING = (
    "unable to create new content in namespace {namespace} because it is being terminated"
)
CANNOT_HANDLE = '{kind} in version "{version}" cannot be handled as a {kind}: {error}'
JSON_UNMARSHAL = "json: cannot unmarshal {value} into Go struct field {struct}.{path} of type {type}"
NAMESPACE_MISMATCH = (
    "the namespace of the provided object does not match the namespace sent on the request"
)
NO_KIND_MATCH = 'no matches for kind "{kind}" in version "{version}"'
UNKNOWN_RESOURCE_TYPE = 'the server doesn\'t have a resource type "{resource}"'
JOB_ORPHAN_WARNING = (
    "child pods are preserved by default when jobs are deleted; set propagationPolicy=Background "
    "to remove them or set propagationPolicy=Orphan to suppress this warning"
)
UNSUPPORTED_PATCH = "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"

# -- field error types (apimachinery pkg/util/validation/field) ------------------------------
INVALID_VALUE = "Invalid value"
UNSUPPORTED_VALUE = "Unsupported value"
REQUIRED_VALUE = "Required value"
FORBIDDEN_TYPE = "Forbidden"
TOO_LONG = "Too long"
TOO_MANY = "Too many"
DUPLICATE_VALUE = "Duplicate value"
NOT_FOUND_TYPE = "Not found"
SUPPORTED_VALUES = "supported values: {values}"
MAY_NOT_BE_MORE_THAN_BYTES = "may not be more than {n} bytes"

# -- names, labels, annotations (apimachinery pkg/util/validation) ---------------------------
DNS1123_SUBDOMAIN_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
LABEL_VALUE_FMT = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"
CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+"

DNS1123_SUBDOMAIN_ERROR = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '" + DNS1123_SUBDOMAIN_FMT + "')"
)
DNS1123_LABEL_ERROR = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
    "used for validation is '" + DNS1123_LABEL_FMT + "')"
)
DNS1035_LABEL_ERROR = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
    "'abc-123', regex used for validation is '" + DNS1035_LABEL_FMT + "')"
)
QUALIFIED_NAME_PART_ERROR = (
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
    "for validation is '" + QUALIFIED_NAME_FMT + "')"
)
QUALIFIED_NAME_ERROR = (
    "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start "
    "and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
    "used for validation is '" + QUALIFIED_NAME_FMT + "') with an optional DNS subdomain prefix "
    "and '/' (e.g. 'example.com/MyName')"
)
LABEL_VALUE_ERROR = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
    "'my_value',  or '12345', regex used for validation is '" + LABEL_VALUE_FMT + "')"
)
CONFIG_KEY_ERROR = (
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. "
    "'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '"
    + CONFIG_KEY_FMT + "')"
)
MAX_LEN = "must be no more than {n} characters"
MUST_NOT_CONTAIN_DOTS = "must not contain dots"
NAME_PART_EMPTY = "name part must be non-empty"
NAME_PART_TOO_LONG = "name part must be no more than 63 characters"
PREFIX_PART = "prefix part "
NAME_REQUIRED = "name or generateName is required"
NAMESPACE_REQUIRED = ""
NOT_ALLOWED_ON_CLUSTER_SCOPED = "not allowed on this type"
FIELD_IMMUTABLE = "field is immutable"
MUST_BE_NON_NEGATIVE = "must be greater than or equal to 0"
MUST_BE_POSITIVE = "must be greater than 0"
NO_NEW_FINALIZERS = (
    "no new finalizers can be added if the object is being deleted, found new finalizers {found}"
)
ONE_CONTROLLER_REF = (
    'Only one reference can have Controller set to true. Found "true" in references for '
    "{first} and {second}"
)
RESOURCE_VERSION_REQUIRED = "must be specified for an update"

# -- pods and workloads (pkg/apis/core/validation, apps, batch) ------------------------------
JOB_RESTART_POLICY_VALUES = '"OnFailure", "Never"'
POD_RESTART_POLICY_VALUES = '"Always", "OnFailure", "Never"'
JOB_RESTART_POLICY_REQUIRED = "valid values: " + JOB_RESTART_POLICY_VALUES
ONLY_NEVER_WITH_POD_FAILURE_POLICY = 'only "Never" is supported when podFailurePolicy is specified'
REQUIRES_INDEXED = "requires indexed completion mode"
COMPLETIONS_REQUIRED_INDEXED = "when completion mode is Indexed"
MAX_FAILED_INDEXES_NEEDS_LIMIT = "when maxFailedIndexes is specified"
SELECTOR_DOES_NOT_MATCH = "`selector` does not match template `labels`"
SELECTOR_NOT_AUTO_GENERATED = "`selector` not auto-generated"
SELECTOR_EMPTY = "empty selector is invalid for deployment"
INDEXED_POD_NAME_INVALID = "will not able to create pod with invalid DNS label: {name}"
JOB_NAME_LABEL_WARNING = (
    "metadata.name: this is used in Pod names and hostnames, which can result in surprising "
    "behavior; a DNS label is recommended: [{msgs}]"
)
IMAGE_PULL_POLICY_VALUES = '"Always", "IfNotPresent", "Never"'
DNS_POLICY_VALUES = '"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'
PROTOCOL_VALUES = '"SCTP", "TCP", "UDP"'
SERVICE_TYPE_VALUES = '"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'
CONCURRENCY_POLICY_VALUES = '"Allow", "Forbid", "Replace"'
COMPLETION_MODE_VALUES = '"NonIndexed", "Indexed"'
DEPLOYMENT_STRATEGY_VALUES = '"Recreate", "RollingUpdate"'
PORT_RANGE = "must be between 1 and 65535, inclusive"
