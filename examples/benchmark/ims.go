package main

import "io"

func runIMS(dir, out string, logw io.Writer) (*outcome, error) { return nil, errPending }
func runFEMTO(dir, out string, logw io.Writer) (*outcome, error) { return nil, errPending }
