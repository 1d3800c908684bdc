#!/bin/sh
# hallq-server postinst: the service's user and folders, a new hall on the
# first install, then the service started (or restarted on upgrade).
set -e

case "$1" in
configure | "") ;;
*) exit 0 ;;
esac

if ! getent group hallq >/dev/null; then
	groupadd --system hallq
fi
if ! getent passwd hallq >/dev/null; then
	useradd --system --gid hallq --home-dir /var/lib/hallq --no-create-home \
		--shell /usr/sbin/nologin --comment "HallQ hall server" hallq
fi
install -d -o hallq -g hallq -m 0750 /var/lib/hallq
install -d -o root -g hallq -m 0750 /etc/hallq

# A new hall: an empty hall with one admin account whose one-time password
# is printed here, once. An upgrade keeps the data and the config as they
# are; the new server backs hall.db up before its first start.
if [ ! -e /etc/hallq/hall.toml ] && [ ! -e /var/lib/hallq/hall.db ]; then
	/usr/bin/hallq-server init -data /var/lib/hallq -config /etc/hallq/hall.toml
	chown root:hallq /etc/hallq/hall.toml
	chmod 0640 /etc/hallq/hall.toml
	echo "Trang quản trị (admin pages): http://$(hostname -f 2>/dev/null || hostname):8080/admin"
fi

if [ -d /run/systemd/system ]; then
	systemctl daemon-reload >/dev/null || true
	systemctl enable hallq-server.service >/dev/null || true
	systemctl restart hallq-server.service || true
fi
