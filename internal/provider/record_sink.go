package provider

// Where a list data source's records go as Read emits them (dataSourceRead.Emit). The framework's
// path keeps them as Terraform values (valueSink). The server's path encodes each record as it
// comes (msgpackSink) and writes the state around them: the response holds the list as
// MessagePack, a few hundred bytes per record, where Terraform values of a credit batch took tens
// of kilobytes, several times over while the framework copied and compared them.

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
)

// recordSink receives the records of a list data source, in order.
type recordSink interface {
	add(rec tftypes.Value) error
}

// valueSink keeps the records as values.
type valueSink struct {
	records []tftypes.Value
}

func (s *valueSink) add(rec tftypes.Value) error {
	s.records = append(s.records, rec)
	return nil
}

// list is the list of the records, of type typ (a list of objects; empty when none).
func (s *valueSink) list(typ tftypes.Type) (tftypes.Value, error) {
	lt, ok := typ.(tftypes.List)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("the records attribute is a %s, not a list", typ)
	}
	for _, rec := range s.records {
		if !rec.Type().Equal(lt.ElementType) {
			return tftypes.Value{}, fmt.Errorf("a record is a %s, the list holds %s", rec.Type(), lt.ElementType)
		}
	}
	return tftypes.NewValue(lt, append([]tftypes.Value{}, s.records...)), nil
}

// msgpackSink encodes the records one by one: the tftypes encoding of each record (the one
// tfprotov6.NewDynamicValue writes), one after the other.
type msgpackSink struct {
	buf bytes.Buffer
	n   int
}

func (s *msgpackSink) add(rec tftypes.Value) error {
	dv, err := tfprotov6.NewDynamicValue(rec.Type(), rec)
	if err != nil {
		return err
	}
	s.buf.Write(dv.MsgPack)
	s.n++
	return nil
}

// state encodes state, a value of the data source's type typ, with the records in place of the
// (null) value of the attribute records: the same bytes as tfprotov6.NewDynamicValue of the state
// holding the list, without building the list.
func (s *msgpackSink) state(typ tftypes.Object, state tftypes.Value, records string) ([]byte, error) {
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(s.buf.Len() + 4096)
	enc := msgpack.NewEncoder(&out)
	if err := enc.EncodeMapLen(len(typ.AttributeTypes)); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(typ.AttributeTypes))
	for name := range typ.AttributeTypes {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := enc.EncodeString(name); err != nil {
			return nil, err
		}
		if name == records {
			if _, ok := typ.AttributeTypes[name].(tftypes.List); !ok {
				return nil, fmt.Errorf("the records attribute %q is a %s, not a list", name, typ.AttributeTypes[name])
			}
			if err := enc.EncodeArrayLen(s.n); err != nil {
				return nil, err
			}
			out.Write(s.buf.Bytes())
			continue
		}
		v, ok := attrs[name]
		if !ok {
			v = tftypes.NewValue(typ.AttributeTypes[name], nil)
		}
		dv, err := tfprotov6.NewDynamicValue(typ.AttributeTypes[name], v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out.Write(dv.MsgPack)
	}
	return out.Bytes(), nil
}
