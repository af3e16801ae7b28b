package spindlemqtt

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"

	mochi "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/hooks/auth"
	"github.com/mochi-mqtt/server/v2/listeners"
)

// DefaultMaxPacket is the largest MQTT packet, in bytes, that the broker
// accepts and a Consumer analyses when their MaxPacket / MaxPayload is 0:
// 1 MiB, a frame of 10 s of float32 samples at 25.6 kHz.
const DefaultMaxPacket = 1 << 20

// BrokerConfig configures an embedded broker. Zero fields take the
// defaults in brackets. Authentication is on unless AllowAnonymous is set:
// a client must present one of Users' username and password, or, when TLS
// requires and verifies client certificates, a certificate signed by one
// of TLS.ClientCAs.
type BrokerConfig struct {
	// Addr is the listen address, host:port; port 0 picks a free one
	// ["127.0.0.1:1883"].
	Addr string
	// Users maps each accepted username to its password.
	Users map[string]string
	// AllowAnonymous accepts every client without credentials: for tests
	// and demos on the loopback interface only.
	AllowAnonymous bool
	// TLS, when set, makes the listener serve MQTT over TLS (URL scheme
	// "ssl://"); with ClientAuth tls.RequireAndVerifyClientCert a verified
	// client certificate authenticates a client by itself.
	TLS *tls.Config
	// MaxPacket is the largest packet accepted, in bytes; a client sending
	// a larger one is disconnected [DefaultMaxPacket].
	MaxPacket uint32
	// Log receives the broker's log [discarded].
	Log *slog.Logger
}

// errNoAuth reports a BrokerConfig that would accept every client without
// saying so.
var errNoAuth = errors.New("spindlemqtt: BrokerConfig needs Users, TLS with verified client certificates, or AllowAnonymous")

// Broker is an embedded MQTT 3.1.1/5 broker (github.com/mochi-mqtt/server)
// for tests, demos and single-box gateways, with username/password or
// client-certificate authentication and a packet size limit.
type Broker struct {
	srv  *mochi.Server
	addr string
	tls  bool
}

// StartBroker starts a broker and returns once it accepts connections.
func StartBroker(cfg BrokerConfig) (*Broker, error) {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	addr := cfg.Addr
	if addr == "" {
		addr = "127.0.0.1:1883"
	}
	if host, port, err := net.SplitHostPort(addr); err == nil && port == "0" {
		addr, err = FreePort(host)
		if err != nil {
			return nil, err
		}
	}
	certAuth := cfg.TLS != nil && cfg.TLS.ClientAuth == tls.RequireAndVerifyClientCert
	opts := &mochi.Options{Logger: log, Capabilities: mochi.NewDefaultServerCapabilities()}
	opts.Capabilities.MaximumPacketSize = cfg.MaxPacket
	if opts.Capabilities.MaximumPacketSize == 0 {
		opts.Capabilities.MaximumPacketSize = DefaultMaxPacket
	}
	srv := mochi.New(opts)
	var err error
	switch {
	case len(cfg.Users) > 0:
		users := auth.Users{}
		for u, p := range cfg.Users {
			users[u] = auth.UserRule{Username: auth.RString(u), Password: auth.RString(p)}
		}
		err = srv.AddHook(new(auth.Hook), &auth.Options{Ledger: &auth.Ledger{Users: users}})
	case cfg.AllowAnonymous || certAuth:
		// The TLS handshake has already refused clients without a verified
		// certificate.
		err = srv.AddHook(new(auth.AllowHook), nil)
	default:
		return nil, errNoAuth
	}
	if err != nil {
		return nil, fmt.Errorf("spindlemqtt: broker: %w", err)
	}
	// AddListener binds the socket, so a busy port fails here.
	if err := srv.AddListener(listeners.NewTCP(listeners.Config{ID: "tcp", Address: addr, TLSConfig: cfg.TLS})); err != nil {
		return nil, fmt.Errorf("spindlemqtt: broker on %s: %w", addr, err)
	}
	if err := srv.Serve(); err != nil {
		srv.Close()
		return nil, fmt.Errorf("spindlemqtt: broker on %s: %w", addr, err)
	}
	return &Broker{srv: srv, addr: addr, tls: cfg.TLS != nil}, nil
}

// Addr returns the host:port the broker listens on.
func (b *Broker) Addr() string { return b.addr }

// URL returns the broker's URL for ClientConfig.Broker: "ssl://host:port"
// with TLS, else "tcp://host:port".
func (b *Broker) URL() string {
	if b.tls {
		return "ssl://" + b.addr
	}
	return "tcp://" + b.addr
}

// Close disconnects every client and stops listening. With mochi-mqtt
// v2.7.9, a Close while a client's connection is still being set up is a
// data race inside the broker library (Server.Close against
// EstablishConnection, seen under the race detector): let connecting
// clients finish or fail first.
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
