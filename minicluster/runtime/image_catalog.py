"""The base images every cluster knows: busybox, alpine, debian, ubuntu, bash, python and
bitnami/kubectl. Services (postgres, redis, curl...) add theirs from runtime/services/."""

from __future__ import annotations

from .images import Image, register_image

DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# The coreutils subset the sandbox implements (see runtime/programs/).
BUSYBOX_BIN = (
    "sh ash awk cat chmod cp date echo false grep egrep fgrep hostname kill ln ls mkdir mv pwd rm "
    "rmdir sed sleep touch true uname"
).split()
BUSYBOX_USR_BIN = (
    "[ base64 basename cut dirname env expr find head id md5sum mktemp nproc printenv printf "
    "nohup readlink seq sha1sum sha256sum sort tac tail tee which "
    "test timeout tr uniq wc whoami xargs yes"
).split()
GNU_USR_BIN = sorted(set(BUSYBOX_BIN + BUSYBOX_USR_BIN) - {"ash"}) + ["dash", "bash", "mawk"]

STANDARD_DIRS = ("/bin", "/dev", "/etc", "/home", "/proc", "/root", "/run", "/sys", "/tmp",
                 "/usr/bin", "/usr/local/bin", "/usr/sbin", "/var", "/var/tmp", "/var/log",
                 "/mnt", "/opt", "/srv")

BUSYBOX_PASSWD = b"""root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
"""
BUSYBOX_GROUP = b"""root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
wheel:x:10:root
www-data:x:33:
nogroup:x:65534:
"""
DEBIAN_PASSWD = b"""root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
"""
DEBIAN_GROUP = b"""root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
www-data:x:33:
nogroup:x:65534:
"""
DEBIAN_OS = b"""PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
"""
UBUNTU_OS = b"""PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
"""
ALPINE_OS = b"""NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.20.3
PRETTY_NAME="Alpine Linux v3.20"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
"""
VERSION_TAG = r"(latest|stable|\d+(\.\d+)*([-.][a-z0-9.]+)*)"


def busybox_layout() -> dict[str, str]:
    return {f"/bin/{name}": name for name in BUSYBOX_BIN + BUSYBOX_USR_BIN}


def alpine_layout() -> dict[str, str]:
    programs = {f"/bin/{name}": name for name in BUSYBOX_BIN}
    programs.update({f"/usr/bin/{name}": name for name in BUSYBOX_USR_BIN})
    programs["/bin/busybox"] = "busybox"
    return programs


def debian_layout() -> dict[str, str]:
    programs = {f"/usr/bin/{name}": name for name in GNU_USR_BIN}
    programs["/usr/bin/sh"] = "sh"  # dash, as /bin/sh on Debian
    return programs


DEBIAN_LINKS = {"/bin": "usr/bin", "/sbin": "usr/sbin", "/lib": "usr/lib"}

BUSYBOX = register_image(Image(
    repository="busybox", tag_pattern=VERSION_TAG + r"|" + r"(\d+(\.\d+)*-)?(musl|glibc|uclibc)",
    entrypoint=(), cmd=("sh",), shell="ash", flavor="busybox", size_bytes=4_269_694,
    files={"/etc/passwd": BUSYBOX_PASSWD, "/etc/group": BUSYBOX_GROUP},
    programs=busybox_layout(), dirs=STANDARD_DIRS, env={"PATH": DEFAULT_PATH},
    description="BusyBox 1.37: ash as /bin/sh, BusyBox applets in /bin", groups="0(root),10(wheel)",
))
ALPINE = register_image(Image(
    repository="alpine", tag_pattern=VERSION_TAG + r"|edge",
    entrypoint=(), cmd=("/bin/sh",), shell="ash", flavor="busybox", size_bytes=3_623_807,
    files={"/etc/passwd": BUSYBOX_PASSWD, "/etc/group": BUSYBOX_GROUP,
           "/etc/os-release": ALPINE_OS, "/etc/alpine-release": b"3.20.3\n"},
    programs=alpine_layout(), dirs=STANDARD_DIRS, env={"PATH": DEFAULT_PATH},
    description="Alpine 3.20: BusyBox ash and applets", groups="0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)",
))
DEBIAN = register_image(Image(
    repository="debian", tag_pattern=VERSION_TAG + r"|bookworm(-slim)?|trixie(-slim)?|\d+-slim|stable(-slim)?",
    entrypoint=(), cmd=("bash",), shell="dash", flavor="gnu", size_bytes=48_496_000,
    files={"/etc/passwd": DEBIAN_PASSWD, "/etc/group": DEBIAN_GROUP, "/etc/os-release": DEBIAN_OS,
           "/etc/debian_version": b"12.8\n"},
    programs=debian_layout(), symlinks=DEBIAN_LINKS, dirs=STANDARD_DIRS,
    env={"PATH": DEFAULT_PATH}, description="Debian 12: dash as /bin/sh, GNU coreutils, bash",
))
UBUNTU = register_image(Image(
    repository="ubuntu", tag_pattern=VERSION_TAG + r"|noble|jammy|focal|rolling",
    entrypoint=(), cmd=("/bin/bash",), shell="dash", flavor="gnu", size_bytes=29_754_000,
    files={"/etc/passwd": DEBIAN_PASSWD, "/etc/group": DEBIAN_GROUP, "/etc/os-release": UBUNTU_OS},
    programs=debian_layout(), symlinks=DEBIAN_LINKS, dirs=STANDARD_DIRS,
    env={"PATH": DEFAULT_PATH}, description="Ubuntu 24.04: dash as /bin/sh, GNU coreutils, bash",
))
BASH = register_image(ALPINE.with_programs(
    {"/usr/local/bin/bash": "bash"}, repository="bash", tag_pattern=VERSION_TAG,
    cmd=("bash",), size_bytes=6_012_000,
    description="bash 5 on Alpine: /bin/sh is still BusyBox ash",
))
PYTHON = register_image(DEBIAN.with_programs(
    {"/usr/local/bin/python3": "python3", "/usr/local/bin/python": "python3"},
    repository="python", tag_pattern=VERSION_TAG + r"|(\d+(\.\d+)*-)?(slim|bookworm|slim-bookworm|alpine)",
    cmd=("python3",), size_bytes=49_340_000,
    env={"PATH": DEFAULT_PATH, "LANG": "C.UTF-8", "PYTHON_VERSION": "3.12.7"},
    description="python 3.12 on Debian (slim): python3 -c runs print() of literals only",
))
KUBECTL = register_image(DEBIAN.with_programs(
    {"/opt/bitnami/kubectl/bin/kubectl": "kubectl"},
    repository="bitnami/kubectl", tag_pattern=VERSION_TAG, entrypoint=("kubectl",), cmd=(),
    size_bytes=80_100_000,
    env={"PATH": "/opt/bitnami/kubectl/bin:" + DEFAULT_PATH},
    description="kubectl 1.32 against the simulated cluster", groups="0(root)",
))
