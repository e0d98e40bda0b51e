#!/usr/bin/env bash
# Builds a Java 17 base image for `mvn -Pcontainer package` from Debian packages alone, for machines that reach
# Debian's package archive but no container registry. Writes a docker-save tarball that Jib reads with
#   mvn -Pcontainer package -Dcontainer.base.image=tar://$(pwd)/target/debian-jre17-base.tar
# Needs root and debootstrap (apt-get install debootstrap); takes a minute or two and ~150 MB of downloads.
#
# Usage: src/main/deploy/container/debian-base-image.sh [OUTPUT.tar] [MIRROR]
set -euo pipefail

output=$(realpath -m "${1:-target/debian-jre17-base.tar}")
mirror=${2:-http://deb.debian.org/debian}
suite=bookworm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$(id -u)" -ne 0 ] || ! command -v debootstrap >/dev/null; then
    echo "needs root and debootstrap (apt-get install debootstrap)" >&2
    exit 1
fi

rootfs="$work/rootfs"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates "$suite" "$rootfs" "$mirror" \
    > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }

# What a container runtime provides or a runtime image does not need.
rm -rf "$rootfs"/dev/* "$rootfs"/proc/* "$rootfs"/sys/* "$rootfs"/tmp/* "$rootfs"/var/cache/apt/archives/*.deb \
    "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*

# One layer, in the layout of `docker save`: manifest.json, the image configuration, the layer.
image="$work/image"
mkdir -p "$image"
(cd "$rootfs" && tar --numeric-owner --sort=name -cf "$work/layer.tar" -- *)
layer=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
mkdir -p "$image/$layer"
mv "$work/layer.tar" "$image/$layer/layer.tar"
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8",
                  "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer"]},
 "history":[{"created":"$created","created_by":"debootstrap --variant=minbase $suite with openjdk-17-jre-headless"}]}
JSON
config=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$image/$config.json"
cat > "$image/manifest.json" <<JSON
[{"Config":"$config.json","RepoTags":["debian-jre17:$suite"],"Layers":["$layer/layer.tar"]}]
JSON
mkdir -p "$(dirname "$output")"
(cd "$image" && tar -cf "$output" manifest.json "$config.json" "$layer")
echo "$output ($(du -h "$output" | cut -f1)): use -Dcontainer.base.image=tar://$output"
