package matfile

import (
	"encoding/binary"
	"math"
)

// convert decodes len(dst) values of storage type typ from src into dst.
// src must hold exactly len(dst) values.
func convert(dst []float64, src []byte, typ uint32, order binary.ByteOrder) {
	switch typ {
	case miDOUBLE:
		if order == binary.LittleEndian {
			for i := range dst {
				dst[i] = math.Float64frombits(binary.LittleEndian.Uint64(src[8*i:]))
			}
			return
		}
		for i := range dst {
			dst[i] = math.Float64frombits(order.Uint64(src[8*i:]))
		}
	case miSINGLE:
		for i := range dst {
			dst[i] = float64(math.Float32frombits(order.Uint32(src[4*i:])))
		}
	case miINT8:
		for i := range dst {
			dst[i] = float64(int8(src[i]))
		}
	case miUINT8:
		for i := range dst {
			dst[i] = float64(src[i])
		}
	case miINT16:
		for i := range dst {
			dst[i] = float64(int16(order.Uint16(src[2*i:])))
		}
	case miUINT16:
		for i := range dst {
			dst[i] = float64(order.Uint16(src[2*i:]))
		}
	case miINT32:
		for i := range dst {
			dst[i] = float64(int32(order.Uint32(src[4*i:])))
		}
	case miUINT32:
		for i := range dst {
			dst[i] = float64(order.Uint32(src[4*i:]))
		}
	case miINT64:
		for i := range dst {
			dst[i] = float64(int64(order.Uint64(src[8*i:])))
		}
	case miUINT64:
		for i := range dst {
			dst[i] = float64(order.Uint64(src[8*i:]))
		}
	}
}
