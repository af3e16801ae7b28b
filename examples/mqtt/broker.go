package spindlemqtt

import (
	"fmt"
	"io"
	"log/slog"
	"net"

	mochi "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/hooks/auth"
	"github.com/mochi-mqtt/server/v2/listeners"
)

// Broker is an embedded MQTT 3.1.1/5 broker (github.com/mochi-mqtt/server)
// that accepts every client: for tests, demos and single-box gateways. Put
// a real broker's authentication in front of anything reachable from a
// network.
type Broker struct {
	srv  *mochi.Server
	addr string
}

// StartBroker starts a broker listening on addr (host:port; port 0 picks a
// free one) and returns once it accepts connections.
func StartBroker(addr string, log *slog.Logger) (*Broker, error) {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if host, port, err := net.SplitHostPort(addr); err == nil && port == "0" {
		addr, err = FreePort(host)
		if err != nil {
			return nil, err
		}
	}
	srv := mochi.New(&mochi.Options{Logger: log})
	if err := srv.AddHook(new(auth.AllowHook), nil); err != nil {
		return nil, fmt.Errorf("spindlemqtt: broker: %w", err)
	}
	// AddListener binds the socket, so a busy port fails here.
	if err := srv.AddListener(listeners.NewTCP(listeners.Config{ID: "tcp", Address: addr})); err != nil {
		return nil, fmt.Errorf("spindlemqtt: broker on %s: %w", addr, err)
	}
	if err := srv.Serve(); err != nil {
		srv.Close()
		return nil, fmt.Errorf("spindlemqtt: broker on %s: %w", addr, err)
	}
	return &Broker{srv: srv, addr: addr}, nil
}

// Addr returns the host:port the broker listens on.
func (b *Broker) Addr() string { return b.addr }

// URL returns the broker's URL for ClientConfig.Broker.
func (b *Broker) URL() string { return "tcp://" + b.addr }

// Close disconnects every client and stops listening.
func (b *Broker) Close() error { return b.srv.Close() }

// FreePort returns host:port with a TCP port on host that was free a moment
// ago (the kernel's choice for port 0).
func FreePort(host string) (string, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return "", fmt.Errorf("spindlemqtt: no free port on %s: %w", host, err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}
