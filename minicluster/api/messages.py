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
MUST_BE_UNIQUE = "must be unique"
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
POD_UPDATE_FORBIDDEN = (
    "pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only "
    "additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be "
    "set to 1 if it was previously negative)"
)
PATH_TYPE_REQUIRED = "pathType must be specified"
PATH_TYPE_VALUES = '"Exact", "ImplementationSpecific", "Prefix"'
ABSOLUTE_PATH = "must be an absolute path"

# -- label and field selectors (apimachinery pkg/labels, pkg/fields) ----------------------------
SEL_UNABLE_TO_PARSE = "unable to parse requirement: {error}"
SEL_IDENTIFIER_AFTER_COMMA = "found '{found}', expected: identifier after ','"
SEL_COMMA_OR_END = "found '{found}', expected: ',' or 'end of string'"
SEL_START = "found '{found}', expected: !, identifier, or 'end of string'"
SEL_IDENTIFIER = "found '{found}', expected: identifier"
SEL_OPERATOR = "found '{found}', expected: in, notin, =, ==, !=, gt, lt"
SEL_OPEN_PAREN = "found '{found}' expected: '('"
SEL_CLOSE_PAREN = "found '{found}', expected: ')'"
SEL_COMMA_CLOSE_OR_IDENTIFIER = "found '{found}', expected: ',', ')' or identifier"
SEL_COMMA_OR_CLOSE = "found '{found}', expected: ',' or ')'"
SEL_COMMA_OR_IDENTIFIER = "found '{found}', expected: ',', or identifier"
SEL_EMPTY_SET = "for 'in', 'notin' operators, values set can't be empty"
SEL_ONE_VALUE = "exact-match compatibility requires one single value"
SEL_GT_LT_ONE_VALUE = "for 'Gt', 'Lt' operators, exactly one value is required"
SEL_GT_LT_INTEGER = "for 'Gt', 'Lt' operators, the value must be an integer"
SEL_BAD_OPERATOR = '"{operator}" is not a valid label selector operator'
FIELD_SEL_SYNTAX = "invalid selector: '{text}'; can't understand '{part}'"
FIELD_SEL_NOT_SUPPORTED = "field label not supported: {field}"
FIELD_SEL_UNKNOWN = '"{field}" is not a known field selector: only "metadata.name", "metadata.namespace"'

# -- cron schedules (robfig/cron v3 ParseStandard; batch validation) ----------------------------
CRON_NOT_INT = 'failed to parse int from {expr}: strconv.Atoi: parsing "{expr}": invalid syntax'
CRON_NEGATIVE = "negative number ({value}) not allowed: {expr}"
CRON_HYPHENS = "too many hyphens: {expr}"
CRON_SLASHES = "too many slashes: {expr}"
CRON_BELOW_MIN = "beginning of range ({start}) below minimum ({low}): {expr}"
CRON_ABOVE_MAX = "end of range ({end}) above maximum ({high}): {expr}"
CRON_START_AFTER_END = "beginning of range ({start}) beyond end of range ({end}): {expr}"
CRON_ZERO_STEP = "step of range should be a positive number: {expr}"
CRON_EMPTY = "empty spec string"
CRON_DESCRIPTOR = "unrecognized descriptor: {spec}"
CRON_FIELD_COUNT = "expected exactly 5 fields, found {count}: [{fields}]"
CRON_TZ = "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"

# -- decoding ------------------------------------------------------------------------------------
BASE64_CORRUPT = "illegal base64 data at input byte {at}"
STRICT_DECODING = "strict decoding error: {fields}"
UNKNOWN_FIELD = 'unknown field "{path}"'

# -- other field details -----------------------------------------------------------------------------
DUPLICATE_OF_BINARY_DATA = "duplicate of key present in binaryData"
ACCESS_MODE_REQUIRED = "at least 1 access mode is required"
ACTIVE_DEADLINE_RANGE = "must be between 1 and 4294967295, inclusive"
REPLICASET_ACTIVE_DEADLINE = "activeDeadlineSeconds in ReplicaSet is not Supported"
RECREATE_WITH_ROLLING = "may not be specified when strategy `type` is 'Recreate'"
EMPTY_SELECTOR_FOR = "empty selector is invalid for {what}"
MUST_BE_LABEL_VALUE = "must be '{value}'"
OWNER_VERSION_EMPTY = "version must not be empty"
OWNER_FIELD_EMPTY = "must not be empty"
ORPHAN_AND_FOREGROUND = "finalizer orphan and foregroundDeletion cannot be both set"
ALREADY_ASSIGNED = 'pod {name} is already assigned to node "{node}"'

# -- patches (evanphx/json-patch as the apiserver uses it) and manifests ----------------------
PATCH_BAD_POINTER = 'invalid JSON pointer "{path}"'
PATCH_MISSING_PATH = 'doc is missing path: "{path}": missing value'
PATCH_TEST_FAILED = "testing value {path} failed: test failed"
PATCH_UNEXPECTED_OP = "Unexpected kind: {kind}"
PATCH_BAD_INDEX = "Unable to access invalid index: {index}: invalid index referenced"
PATCH_REMOVE_MISSING = "Unable to remove nonexistent key: {key}: missing value"
PATCH_DECODE = "error decoding patch: {error}"
PATCH_NOT_OBJECT = "the patch did not produce an object"
NOT_A_MAPPING = "the object is not a mapping"
YAML_TO_JSON = "error converting YAML to JSON: {error}"
KIND_MISSING = "Object 'Kind' is missing in '{doc}'"

# -- resource quantities (apimachinery pkg/api/resource) ------------------------------------------
QUANTITY_REGEX_TEXT = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"
QUANTITY_FORMAT = "quantities must match the regular expression '" + QUANTITY_REGEX_TEXT + "'"
QUANTITY_NUMERIC = "unable to parse quantity's numeric part"
QUANTITY_SUFFIX = "unable to parse quantity's suffix"
REQUEST_OVER_LIMIT = "must be less than or equal to {resource} limit of {limit}"

# -- CustomResourceDefinitions (apiextensions-apiserver validation) --------------------------------
CRD_NAME = "must be spec.names.plural+\".\"+spec.group"
CRD_ONE_STORAGE = "must have exactly one version marked as storage version"
