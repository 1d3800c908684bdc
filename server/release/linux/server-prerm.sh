#!/bin/sh
# hallq-server prerm: stop the service when the package is removed (on
# upgrade it keeps running; the postinst restarts it on the new binary).
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
	systemctl stop hallq-server.service || true
	systemctl disable hallq-server.service >/dev/null || true
fi
