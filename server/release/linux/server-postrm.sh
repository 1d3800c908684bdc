#!/bin/sh
# hallq-server postrm: the hall's data in /var/lib/hallq is never removed,
# not even on purge: it holds every ticket, rating and feedback.
set -e
if [ -d /run/systemd/system ]; then
	systemctl daemon-reload >/dev/null || true
fi
case "$1" in
remove | purge)
	if [ -d /var/lib/hallq ]; then
		echo "Dữ liệu của sảnh được giữ lại ở /var/lib/hallq (the hall's data is kept in /var/lib/hallq)."
	fi
	;;
esac
