#!/usr/bin/env bash
# Builds the jpackage app-image of KMB Studio (launchers kmb-studio, kmbctl and kmbd on one jlinked
# runtime) and, with TYPES=all, the installers this system has the tools for. Maven runs it from the
# package profile once it has collected the runtime jars in TARGET/jars:
#   ./mvnw -B -Ppackage package -DskipTests            (docs/packaging.md)
# Usage: jpackage.sh VERSION TYPES TARGET   (TYPES: app-image or all)
set -euo pipefail
version=$1 types=$2 target=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jdk=${JAVA_HOME:?set JAVA_HOME to JDK 25}
app_version=${version%%-*} # jpackage takes numbers only: 0.1.0-SNAPSHOT ships as 0.1.0
work=$target/work
image=$target/app-image/kmb-studio
say() { echo "jpackage.sh: $* (${SECONDS}s)"; }

rm -rf "$work" "$target/app-image" "$target/installers"
mkdir -p "$work/lib" "$work/javafx" "$target/installers"

# JavaFX goes into the runtime as modules: the platform jars (javafx-base-26.0.2-linux.jar); the
# jars without a classifier are empty placeholders. Every other jar stays on the class path, since
# RichTextFX and friends are automatic modules that jlink refuses.
for jar in "$target"/jars/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-[0-9]*-*.jar) cp "$jar" "$work/javafx/" ;;
    javafx-*.jar) ;;
    *) cp "$jar" "$work/lib/" ;;
  esac
done

# The JDK modules the jars use, as jdeps finds them (java.sql for SQLite and PostgreSQL, jdk.unsupported
# for Netty, ...), plus javafx.controls and what it requires.
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 \
  --module-path "$work/javafx" "$work"/lib/*.jar | tail -n 1)
modules="$modules,javafx.controls"
say "runtime modules: $modules"

# Lean: no debug attributes, man pages or headers. The default CDS archive of the JDK's own classes
# is generated into the image; the launchers' own archives are made below.
"$jdk/bin/jlink" --module-path "$work/javafx" --add-modules "$modules" \
  --strip-debug --no-man-pages --no-header-files --compress zip-6 --generate-cds-archive \
  --output "$work/runtime"
say "runtime: $(du -sh "$work/runtime" | cut -f1)"

# Flags every launcher passes to the JVM: SQLite, Netty and JavaFX load native code, Netty uses
# sun.misc.Unsafe (both allowed so JDK 25 prints no warnings on each start), and ControlsFX reaches
# into JavaFX's internals, which are modules in this runtime.
common=(--enable-native-access=javafx.graphics,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
for launcher in kmbctl kmbd; do
  cp "$here/launchers/$launcher.properties" "$work/"
  echo "java-options=${common[*]}" >> "$work/$launcher.properties"
done

"$jdk/bin/jpackage" --type app-image --dest "$target/app-image" \
  --name kmb-studio --app-version "$app_version" --vendor "Kind" \
  --description "KMB Studio: the desktop dashboard of the Kind Message Bus, with kmbctl and kmbd" \
  --runtime-image "$work/runtime" --input "$work/lib" \
  --main-jar "kmb-studio-$version.jar" --main-class ai.kind.kmb.app.KmbStudio \
  --java-options "${common[*]} --add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED" \
  --icon "$here/linux/kmb-studio.png" \
  --add-launcher kmbctl="$work/kmbctl.properties" --add-launcher kmbd="$work/kmbd.properties"

# Class-data sharing for the launchers' own classes: one training run each records the classes it
# loads and links into an AOT cache (JDK 25's form of AppCDS) shipped in the image; each launcher
# then maps it at start. docs/benchmarks.md ("Start-up") has the figures.
source "$here/lib.sh"
source "$here/linux/maintainer-functions.sh"
kmb_stamp_jars "$image"
train() {
  JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$image/lib/app/$1.aot ${2:-}" "${@:3}"
}
say "app-image without AOT caches: $(du -sh "$image" | cut -f1)"
training=$(mktemp -d)
train kmbd "" kmbd_start "$image" "$training/kmbd" "$training/kmbd.log"
healthz_wait "$KMBD_URL"
train kmbctl "" "$image/bin/kmbctl" --url "$KMBD_URL" publish demo.started '{"training":true}' > /dev/null
kmbd_stop
train kmb-studio "$HEADLESS_FX -Dkmb.studio.startup-probe=exit" "$image/bin/kmb-studio" --port 0 \
  --data "$training/studio" --config "$training/config" > "$training/studio.log" 2>&1
rm -rf "$training"
for launcher in kmb-studio kmbctl kmbd; do
  test -s "$image/lib/app/$launcher.aot" || { say "no AOT cache for $launcher"; exit 1; }
  # $APPDIR is the launcher's lib/app, wherever the image is installed.
  echo "java-options=-XX:AOTCache=\$APPDIR/$launcher.aot" >> "$image/lib/app/$launcher.cfg"
done
say "app-image: $image, $(du -sh "$image" | cut -f1)"

if [ "$types" != all ]; then
  exit 0
fi
# The installers' jpackage resources: the icon, the desktop entry, and jpackage's own maintainer
# scripts (postinst, prerm, the rpm spec) with our functions spliced in: the launchers' /usr/bin
# links, the jars' time.
resources=$work/resources
mkdir -p "$resources"
cp "$here/linux/kmb-studio.png" "$here/linux/kmb-studio.desktop" "$resources/"
for script in postinst prerm kmb-studio.spec; do
  sed -e "/^KMB_FUNCTIONS\$/{r $here/linux/maintainer-functions.sh" -e 'd;}' "$here/linux/$script" > "$resources/$script"
  if grep -qx KMB_FUNCTIONS "$resources/$script"; then
    say "KMB_FUNCTIONS left in $script"
    exit 1
  fi
done
package() {
  local type=$1 tool=$2
  if ! command -v "$tool" > /dev/null; then
    say "no $tool on this system: skipping the .$type installer"
    return 0
  fi
  "$jdk/bin/jpackage" --type "$type" --app-image "$image" --dest "$target/installers" \
    --name kmb-studio --app-version "$app_version" --vendor "Kind" \
    --description "KMB Studio: the desktop dashboard of the Kind Message Bus, with kmbctl and kmbd" \
    --resource-dir "$resources" --icon "$here/linux/kmb-studio.png" \
    --linux-shortcut --linux-menu-group "Development" --linux-app-category devel \
    --linux-deb-maintainer "kmb@kind.ai" --linux-rpm-license-type "Proprietary"
  say "installer: $(ls "$target/installers"/*."$type")"
}
package deb dpkg-deb
package rpm rpmbuild
