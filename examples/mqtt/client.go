package spindlemqtt

import (
	"crypto/tls"
	"fmt"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// ClientConfig is the broker connection shared by Consumer and Publisher.
// Zero fields take the defaults in brackets.
type ClientConfig struct {
	// Broker is the broker URL, e.g. "tcp://127.0.0.1:1883", or
	// "ssl://host:8883" for MQTT over TLS (required).
	Broker string
	// Username and Password are presented to the broker when Username is
	// set. Send them over TLS beyond the loopback interface.
	Username, Password string
	// TLS configures the TLS connection of an "ssl://" broker URL: the
	// broker's CA (RootCAs) and, for client-certificate authentication,
	// Certificates [nil: the system's roots, no client certificate].
	TLS *tls.Config
	// ClientID identifies the client to the broker (required, unique).
	ClientID string
	// Prefix is the first topic level ["spindle"].
	Prefix string
	// ConnectTimeout bounds one connection attempt and, for the first
	// connection, the wait for it [5 s].
	ConnectTimeout time.Duration
	// ReconnectInterval is the longest pause between reconnection attempts
	// after the connection is lost [1 s].
	ReconnectInterval time.Duration
	// AckTimeout bounds the wait for the broker's acknowledgement of a
	// publish or subscribe [5 s].
	AckTimeout time.Duration
}

func (c ClientConfig) withDefaults() (ClientConfig, error) {
	if c.Broker == "" || c.ClientID == "" {
		return c, fmt.Errorf("spindlemqtt: ClientConfig needs Broker and ClientID (have %q, %q)", c.Broker, c.ClientID)
	}
	if c.Prefix == "" {
		c.Prefix = "spindle"
	}
	if c.ConnectTimeout == 0 {
		c.ConnectTimeout = 5 * time.Second
	}
	if c.ReconnectInterval == 0 {
		c.ReconnectInterval = time.Second
	}
	if c.AckTimeout == 0 {
		c.AckTimeout = 5 * time.Second
	}
	return c, nil
}

// Topic returns "<prefix>/<sensor>/<kind>" (kind "accel", "alarm" or "rul").
func (c ClientConfig) Topic(sensor, kind string) string {
	return c.Prefix + "/" + sensor + "/" + kind
}

// ConnStats counts a client's connection events.
type ConnStats struct {
	Connects   int64 // successful connections, the first included
	Lost       int64 // connections lost
	Subscribed int64 // completed (re)subscriptions
}

// connCounters are the atomic counters behind ConnStats.
type connCounters struct{ connects, lost, subscribed atomic.Int64 }

func (c *connCounters) stats() ConnStats {
	return ConnStats{Connects: c.connects.Load(), Lost: c.lost.Load(), Subscribed: c.subscribed.Load()}
}

// dial connects a paho client that reconnects by itself and calls
// onConnect (in its own goroutine) after every connection, the first and
// each reconnection; there the caller subscribes again, since a restarted
// broker has forgotten the session. It waits at most cfg.ConnectTimeout for
// the first connection.
func dial(cfg ClientConfig, n *connCounters, onConnect func(paho.Client)) (paho.Client, error) {
	opts := paho.NewClientOptions().
		AddBroker(cfg.Broker).
		SetClientID(cfg.ClientID).
		SetCleanSession(true).
		SetAutoReconnect(true).
		SetConnectRetry(true).
		SetConnectRetryInterval(cfg.ReconnectInterval).
		SetMaxReconnectInterval(cfg.ReconnectInterval).
		SetConnectTimeout(cfg.ConnectTimeout).
		SetKeepAlive(10 * time.Second).
		SetOnConnectHandler(func(c paho.Client) {
			n.connects.Add(1)
			if onConnect != nil {
				onConnect(c)
			}
		}).
		SetConnectionLostHandler(func(paho.Client, error) { n.lost.Add(1) })
	if cfg.Username != "" {
		opts.SetUsername(cfg.Username).SetPassword(cfg.Password)
	}
	if cfg.TLS != nil {
		opts.SetTLSConfig(cfg.TLS)
	}
	c := paho.NewClient(opts)
	tok := c.Connect()
	if !tok.WaitTimeout(cfg.ConnectTimeout) {
		c.Disconnect(0)
		return nil, fmt.Errorf("spindlemqtt: %s: no connection to %s within %v", cfg.ClientID, cfg.Broker, cfg.ConnectTimeout)
	}
	if err := tok.Error(); err != nil {
		c.Disconnect(0)
		return nil, fmt.Errorf("spindlemqtt: %s: connect to %s: %w", cfg.ClientID, cfg.Broker, err)
	}
	return c, nil
}

// wait waits for tok at most d and returns its error, or a timeout error
// naming what.
func wait(tok paho.Token, d time.Duration, what string) error {
	if !tok.WaitTimeout(d) {
		return fmt.Errorf("spindlemqtt: %s: no acknowledgement within %v", what, d)
	}
	if err := tok.Error(); err != nil {
		return fmt.Errorf("spindlemqtt: %s: %w", what, err)
	}
	return nil
}

// Publisher publishes a sensor's frames (the simulator side).
type Publisher struct {
	cfg ClientConfig
	c   paho.Client
	n   connCounters
	buf []byte
}

// NewPublisher connects a Publisher.
func NewPublisher(cfg ClientConfig) (*Publisher, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	p := &Publisher{cfg: cfg}
	if p.c, err = dial(cfg, &p.n, nil); err != nil {
		return nil, err
	}
	return p, nil
}

// Publish sends f to <prefix>/<sensor>/accel at QoS 1 and waits at most
// AckTimeout for the broker's acknowledgement.
func (p *Publisher) Publish(sensor string, f *Frame) error {
	p.buf = AppendFrame(p.buf[:0], f)
	topic := p.cfg.Topic(sensor, "accel")
	// paho keeps the payload until acknowledged: hand it a copy.
	tok := p.c.Publish(topic, 1, false, append([]byte(nil), p.buf...))
	return wait(tok, p.cfg.AckTimeout, "publish "+topic)
}

// Connected reports whether the connection is up.
func (p *Publisher) Connected() bool { return p.c.IsConnectionOpen() }

// ConnStats returns the connection counters.
func (p *Publisher) ConnStats() ConnStats { return p.n.stats() }

// Close disconnects, letting in-flight messages finish for at most 250 ms.
func (p *Publisher) Close() { p.c.Disconnect(250) }
