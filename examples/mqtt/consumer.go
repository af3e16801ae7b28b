package spindlemqtt

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// ConsumerConfig configures a Consumer. Zero fields take the defaults in
// brackets.
type ConsumerConfig struct {
	ClientConfig
	// Monitor configures each sensor's Monitor, created on its first frame.
	Monitor MonitorConfig
	// Queue is the number of received frames buffered between the MQTT
	// client and the analysis [256]; when full, the client waits
	// (back-pressure through the broker's QoS 1 flow control).
	Queue int
	// Logf receives one line per rejected frame or failed publish; nil
	// discards them (they are still counted).
	Logf func(format string, args ...any)
}

// ConsumerStats counts a Consumer's work.
type ConsumerStats struct {
	Conn          ConnStats
	Frames        int64 // frames analysed
	BadFrames     int64 // frames rejected (bad topic, undecodable, wrong rate)
	Published     int64 // alarms and forecasts acknowledged by the broker
	PublishErrors int64 // alarms and forecasts not acknowledged in time
}

// Consumer subscribes to every sensor's frames, runs one Monitor per sensor
// and publishes the alarms and forecasts as JSON at QoS 1. The monitors
// live in the Consumer, not in the connection: when the broker goes away
// the client reconnects and resubscribes by itself, and analysis carries on
// with the same baselines and models.
type Consumer struct {
	cfg   ConsumerConfig
	n     connCounters
	queue chan *paho.Message

	frames, bad, published, pubErrs atomic.Int64

	mu       sync.Mutex
	monitors map[string]*Monitor
	snap     map[string]MonitorStats
}

// NewConsumer checks cfg and returns a Consumer; Run connects it.
func NewConsumer(cfg ConsumerConfig) (*Consumer, error) {
	var err error
	if cfg.ClientConfig, err = cfg.ClientConfig.withDefaults(); err != nil {
		return nil, err
	}
	if cfg.Monitor, err = cfg.Monitor.withDefaults(); err != nil {
		return nil, err
	}
	if cfg.Queue <= 0 {
		cfg.Queue = 256
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	return &Consumer{cfg: cfg, queue: make(chan *paho.Message, cfg.Queue),
		monitors: map[string]*Monitor{}, snap: map[string]MonitorStats{}}, nil
}

// Stats returns the consumer's counters; safe to call from any goroutine.
func (c *Consumer) Stats() ConsumerStats {
	return ConsumerStats{Conn: c.n.stats(), Frames: c.frames.Load(), BadFrames: c.bad.Load(),
		Published: c.published.Load(), PublishErrors: c.pubErrs.Load()}
}

// Sensor returns the counters of a sensor's Monitor after its latest
// frame; safe to call from any goroutine.
func (c *Consumer) Sensor(name string) (MonitorStats, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.snap[name]
	return s, ok
}

// Run connects, subscribes to <prefix>/+/accel and analyses frames until
// ctx is done, then disconnects and returns nil. It returns an error only
// when the first connection fails within ConnectTimeout; later outages are
// ridden out by reconnecting every ReconnectInterval.
func (c *Consumer) Run(ctx context.Context) error {
	topic := c.cfg.Topic("+", "accel")
	handler := func(_ paho.Client, m paho.Message) {
		msg := m
		select {
		case c.queue <- &msg:
		case <-ctx.Done():
		}
	}
	client, err := dial(c.cfg.ClientConfig, &c.n, func(cl paho.Client) {
		if err := wait(cl.Subscribe(topic, 1, handler), c.cfg.AckTimeout, "subscribe "+topic); err != nil {
			c.cfg.Logf("%v", err)
			return
		}
		c.n.subscribed.Add(1)
	})
	if err != nil {
		return err
	}
	defer client.Disconnect(250)
	var frame Frame
	var events []Event
	for {
		select {
		case <-ctx.Done():
			return nil
		case m := <-c.queue:
			events = c.handle(client, *m, &frame, events[:0])
		}
	}
}

// handle analyses one received message and publishes what it yields.
func (c *Consumer) handle(client paho.Client, m paho.Message, f *Frame, events []Event) []Event {
	sensor, ok := c.sensorOf(m.Topic())
	if !ok {
		c.reject("topic %q is not %s", m.Topic(), c.cfg.Topic("<sensor>", "accel"))
		return events
	}
	if err := DecodeFrame(f, m.Payload()); err != nil {
		c.reject("sensor %s: %v", sensor, err)
		return events
	}
	mon, err := c.monitor(sensor)
	if err != nil {
		c.reject("sensor %s: %v", sensor, err)
		return events
	}
	events, err = mon.Process(events, f)
	if err != nil {
		c.reject("%v", err)
	} else {
		c.frames.Add(1)
	}
	c.mu.Lock()
	c.snap[sensor] = mon.Stats()
	c.mu.Unlock()
	for _, e := range events {
		kind, v := "rul", any(e.Forecast)
		if e.Alarm != nil {
			kind, v = "alarm", e.Alarm
		}
		c.publish(client, c.cfg.Topic(sensor, kind), v)
	}
	return events
}

// sensorOf extracts the sensor from <prefix>/<sensor>/accel.
func (c *Consumer) sensorOf(topic string) (string, bool) {
	rest, ok := strings.CutPrefix(topic, c.cfg.Prefix+"/")
	if !ok {
		return "", false
	}
	sensor, ok := strings.CutSuffix(rest, "/accel")
	return sensor, ok && sensor != "" && !strings.Contains(sensor, "/")
}

// monitor returns the sensor's Monitor, creating it on first use.
func (c *Consumer) monitor(sensor string) (*Monitor, error) {
	if m, ok := c.monitors[sensor]; ok {
		return m, nil
	}
	m, err := NewMonitor(sensor, c.cfg.Monitor)
	if err != nil {
		return nil, err
	}
	c.monitors[sensor] = m
	return m, nil
}

// reject counts and logs a frame that could not be analysed.
func (c *Consumer) reject(format string, args ...any) {
	c.bad.Add(1)
	c.cfg.Logf("spindlemqtt: rejected frame: "+format, args...)
}

// publish sends v as JSON to topic at QoS 1 and waits for the
// acknowledgement.
func (c *Consumer) publish(client paho.Client, topic string, v any) {
	b, err := json.Marshal(v)
	if err == nil {
		err = wait(client.Publish(topic, 1, false, b), c.cfg.AckTimeout, "publish "+topic)
	}
	if err != nil {
		c.pubErrs.Add(1)
		c.cfg.Logf("%v", err)
		return
	}
	c.published.Add(1)
}
