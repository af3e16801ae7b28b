// Package spindlemqtt connects Spindle to an MQTT broker: sensors publish
// accelerometer frames, a Consumer runs streaming features, a CUSUM
// alarm rule and an exponential RUL model per sensor, and publishes alarms
// and forecasts as JSON.
//
// Topics, with a configurable prefix (default "spindle"):
//
//	<prefix>/<sensor>/accel   frames in, binary (see Frame)
//	<prefix>/<sensor>/alarm   Alarm JSON out, once when a sensor goes into alarm
//	<prefix>/<sensor>/rul     Forecast JSON out, every ForecastEvery windows once degrading
//
// The package is an example with its own go.mod, so that the MQTT client
// (github.com/eclipse/paho.mqtt.golang) and the embeddable broker
// (github.com/mochi-mqtt/server/v2) stay out of Spindle's core module. The
// cmd/spindle-mqtt command runs the broker, the simulator and the consumer
// separately or together; docs/pipelines.md describes it.
package spindlemqtt
