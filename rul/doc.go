// Package rul builds health indicators and forecasts remaining useful life as
// a distribution with confidence bounds, updated online, and scores
// forecasts with the prognostics field's published metrics.
package rul
