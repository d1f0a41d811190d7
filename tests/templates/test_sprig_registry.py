"""The function set is Helm's: Sprig v3.3.0's TxtFuncMap minus env/expandenv, with Helm's
serialization functions; include/tpl/required/fail/lookup belong to the engine."""

from __future__ import annotations

import minicluster.templates.helmfuncs  # noqa: F401
import minicluster.templates.sprig  # noqa: F401
from minicluster.templates.funcspec import spec_from_callable
from minicluster.templates.functions import REGISTRY

SPRIG_V3_3_0 = """
hello ago date date_in_zone date_modify dateInZone dateModify duration durationRound htmlDate
htmlDateInZone must_date_modify mustDateModify mustToDate now toDate unixEpoch abbrev abbrevboth
trunc trim upper lower title untitle substr repeat trimall trimAll trimSuffix trimPrefix nospace
initials randAlphaNum randAlpha randAscii randNumeric swapcase shuffle snakecase camelcase
kebabcase wrap wrapWith contains hasPrefix hasSuffix quote squote cat indent nindent replace
plural sha1sum sha256sum sha512sum adler32sum toString atoi int64 int float64 seq toDecimal split
splitList splitn toStrings until untilStep add1 add sub div mod mul randInt add1f addf subf divf
mulf biggest max min maxf minf ceil floor round join sortAlpha default empty coalesce all any
compact mustCompact fromJson toJson toPrettyJson toRawJson mustFromJson mustToJson
mustToPrettyJson mustToRawJson ternary deepCopy mustDeepCopy typeOf typeIs typeIsLike kindOf
kindIs deepEqual getHostByName base dir clean ext isAbs osBase osClean osDir osExt osIsAbs b64enc
b64dec b32enc b32dec tuple list dict get set unset hasKey pluck keys pick omit merge
mergeOverwrite mustMerge mustMergeOverwrite values append push mustAppend mustPush prepend
mustPrepend first mustFirst rest mustRest last mustLast initial mustInitial reverse mustReverse
uniq mustUniq without mustWithout has mustHas slice mustSlice concat dig chunk mustChunk bcrypt
htpasswd genPrivateKey derivePassword buildCustomCert genCA genCAWithKey genSelfSignedCert
genSelfSignedCertWithKey genSignedCert genSignedCertWithKey encryptAES decryptAES randBytes
uuidv4 semver semverCompare regexMatch mustRegexMatch regexFindAll mustRegexFindAll regexFind
mustRegexFind regexReplaceAll mustRegexReplaceAll regexReplaceAllLiteral
mustRegexReplaceAllLiteral regexSplit mustRegexSplit regexQuoteMeta urlParse urlJoin
""".split()
HELM_EXTRAS = """
toToml mustToToml fromToml toYaml mustToYaml toYamlPretty fromYaml fromYamlArray fromJsonArray
""".split()
ENGINE_OWNED = {"include", "tpl", "required", "fail", "lookup"}


def test_every_sprig_and_helm_function_is_registered() -> None:
    missing = sorted(set(SPRIG_V3_3_0 + HELM_EXTRAS) - set(REGISTRY))
    assert missing == []


def test_helm_removals_and_engine_functions_are_not_ours() -> None:
    assert "env" not in REGISTRY and "expandenv" not in REGISTRY
    # Nothing beyond Sprig and Helm's list: the engine-owned functions live in the engine.
    assert set(REGISTRY) - set(SPRIG_V3_3_0) - set(HELM_EXTRAS) == set()
    assert ENGINE_OWNED & set(REGISTRY) == set()


def test_signatures_are_readable_by_the_engine() -> None:
    ours = set(SPRIG_V3_3_0 + HELM_EXTRAS)
    for name in ours:
        fn = REGISTRY[name]
        prefix = "context" if fn.context else ""
        spec = spec_from_callable(name, fn.fn, prefix=prefix, skip=1 if fn.context else 0)
        assert spec.name == name
