# Shell functions of the installers' maintainer scripts: jpackage.sh splices this file into the
# deb's postinst and prerm and the rpm's spec where they say KMB_FUNCTIONS (a line of its own).

# The launchers on PATH: /usr/bin/kmb-studio, /usr/bin/kmbctl and /usr/bin/kmbd link to the image's
# /opt/kmb-studio/bin, since jpackage installs nothing outside /opt/kmb-studio itself. A /usr/bin
# file that is not our link belongs to someone else: it is left alone, and said so.
kmb_launchers="kmb-studio kmbctl kmbd"

kmb_link_launchers ()
{
  local launcher target link
  for launcher in $kmb_launchers; do
    target=/opt/kmb-studio/bin/$launcher
    link=/usr/bin/$launcher
    if [ "$(readlink "$link")" = "$target" ]; then
      continue
    elif [ -e "$link" ] || [ -L "$link" ]; then
      echo "kmb-studio: $link exists and is not a link to $target: left as it is (run $target for ours)" >&2
    else
      ln -s "$target" "$link"
    fi
  done
}

kmb_unlink_launchers ()
{
  local launcher
  for launcher in $kmb_launchers; do
    if [ "$(readlink "/usr/bin/$launcher")" = "/opt/kmb-studio/bin/$launcher" ]; then
      rm -f "/usr/bin/$launcher"
    fi
  done
}

# The AOT caches (docs/packaging.md, step 5) record each jar's modification time, and a launcher
# whose jars have other times runs without its cache and logs why on stdout at every start.
# jpackage copies the image into the installers with fresh times, so the jars carry one fixed time,
# the zip epoch: jpackage.sh sets it before it trains the caches, the installers once the files are
# in place. $1 is the image.
kmb_stamp_jars ()
{
  touch -d @315532800 "$1"/lib/app/*.jar
}
