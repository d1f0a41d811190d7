"""Texts kubectl 1.32 prints, copied from the real tool (kubernetes/kubectl, cli-runtime)."""

from __future__ import annotations

CLIENT_VERSION = "v1.32.4"
KUSTOMIZE_VERSION = "v5.5.0"
SERVER_VERSION = "v1.32.0"  # the version the kit's node and apiserver report

# -- flags and usage (cobra) -----------------------------------------------------------------
COBRA_FLAG_ERROR = "Error: {message}\nSee '{path} --help' for usage.\n"
UNKNOWN_COMMAND = 'Error: unknown command "{name}" for "kubectl"\n'
DID_YOU_MEAN = "\nDid you mean this?\n{suggestions}\n"
RUN_HELP = "Run 'kubectl --help' for usage.\n"
USAGE_SUFFIX = "See '{path} -h' for help and examples"

# -- get -------------------------------------------------------------------------------------
GET_NO_TYPE = (
    'You must specify the type of resource to get. Use "kubectl api-resources" for a complete '
    "list of supported resources.\n\n"
)
REQUIRED_RESOURCE = (
    "Required resource not specified.\n"
    'Use "kubectl explain <resource>" for a detailed description of that resource '
    "(e.g. kubectl explain pods)."
)
DESCRIBE_NO_TYPE = (
    'You must specify the type of resource to describe. Use "kubectl api-resources" for a '
    "complete list of supported resources.\n"
)
NO_RESOURCES_NS = "No resources found in {namespace} namespace.\n"
NO_RESOURCES = "No resources found\n"
NO_PRINTER = (
    'unable to match a printer suitable for the output format "{output}", allowed formats '
    "are: {allowed}"
)
ALLOWED_FORMATS = (
    "json,yaml,name,go-template,go-template-file,template,templatefile,jsonpath,"
    "jsonpath-as-json,jsonpath-file,custom-columns,custom-columns-file,wide"
)
TEMPLATE_MISSING = "template format specified but no template given"
JSONPATH_PARSE = "error parsing jsonpath {template}, {error}\n"
JSONPATH_EXEC = (
    'error executing jsonpath "{template}": Error executing template: {error}. Printing more '
    "information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given "
    "to jsonpath engine was:\n\t\t{object}\n\n\n"
)
CUSTOM_COLUMNS_EMPTY = "custom-columns format specified but no custom columns given"
CUSTOM_COLUMNS_SPEC = "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
CUSTOM_COLUMNS_PATH = (
    "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or "
    "'{.name1.name2}'"
)
WATCH_MULTIPLE = (
    "watch is only supported on individual resources and resource collections - more than 1 "
    "resource was found"
)
SORT_NO_FIELD = 'couldn\'t find any field with path "{path}" in the list of objects'

# -- resource arguments (cli-runtime resource.Builder) ----------------------------------------
RESOURCE_SEPARATE_TYPE = (
    "there is no need to specify a resource type as a separate argument when passing arguments "
    "in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get "
    "resource resource/<resource_name>'"
)
RESOURCE_SLASHES = "arguments in resource/name form may not have more than one slash"
RESOURCE_SINGLE = "arguments in resource/name form must have a single resource and name"
NAME_ACROSS_NAMESPACES = "a resource cannot be retrieved by name across all namespaces"
NAME_WITH_SELECTOR = "name cannot be provided when a selector is specified"
SELECTOR_WITH_NAMES = "selectors and the all flag cannot be used when passing resource/name arguments"
PATH_NOT_EXIST = 'the path "{path}" does not exist'
PATH_EXTENSIONS = (
    "error reading {paths}: recognized file extensions are [.json .yaml .yml]"
)
NO_OBJECTS_PASSED = "no objects passed to {verb}"
MUST_SPECIFY_F = "must specify one of -f and -k"
ERROR_WHEN = 'error when {verb} "{source}": {message}'
ERROR_PARSING = 'error parsing {source}: error converting YAML to JSON: {error}'
MISSING_KIND = "Object 'Kind' is missing in '{doc}'"
MISSING_APIVERSION = "Object 'apiVersion' is missing in '{doc}'"
RESOURCE_MAPPING = (
    'resource mapping not found for name: "{name}" namespace: "{namespace}" from "{source}": '
    '{error}\nensure CRDs are installed first'
)

# -- logs ------------------------------------------------------------------------------------
LOGS_USAGE = (
    "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
    "POD or TYPE/NAME is a required argument for the logs command"
)
FOUND_PODS = "Found {count} pods, using pod/{name}\n"
DEFAULTED_CONTAINER = 'Defaulted container "{name}" out of: {names}\n'
WAITING_TO_START = 'container "{container}" in pod "{pod}" is waiting to start: {reason}'
PREVIOUS_NOT_FOUND = (
    'previous terminated container "{container}" in pod "{pod}" not found'
)
CONTAINER_NOT_VALID = (
    "container {container} is not valid for pod {pod}"
)
CHOOSE_CONTAINER = (
    "a container name must be specified for pod {pod}, choose one of: [{names}]"
)
NO_PODS_TIMEOUT = "timed out waiting for the condition"
CANNOT_LOGS = "cannot get the logs from {kind}"
SELECTOR_NO_PODS = "No resources found in {namespace} namespace.\n"

# -- exec ------------------------------------------------------------------------------------
EXEC_USAGE = "pod, type/name or --filename must be specified"
EXEC_NO_COMMAND = "you must specify at least one command for the container"
EXEC_NOT_RUNNING = "cannot exec into a container in a completed pod; current phase is {phase}"
EXEC_CONTAINER_NOT_FOUND = 'container {container} not found in pod {pod}'
EXEC_EXIT = "command terminated with exit code {code}"

# -- wait ------------------------------------------------------------------------------------
WAIT_UNRECOGNIZED = 'unrecognized condition: "{condition}"'
WAIT_TIMEOUT = "timed out waiting for the condition on {resource}/{name}"
WAIT_MET = "{type_name}/{name} condition met\n"
WAIT_DELETED = "{type_name}/{name} deleted\n"
WAIT_NO_RESOURCES = "no matching resources found"

# -- delete ----------------------------------------------------------------------------------
DELETE_USAGE = (
    "You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'"
)
CASCADE_INVALID = (
    'invalid cascade value ({value}). Must be "background", "foreground", or "orphan".'
)
CASCADE_DEPRECATED = (
    'warning: --cascade={value} is deprecated (boolean value) and can be replaced with '
    "--cascade={replacement}.\n"
)
DELETE_ALL_WITH_NAMES = "cannot set --all and --selector at the same time"
