package provider

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// countingServer is the framework's server, counting the calls the provider's server hands it.
type countingServer struct {
	frameworkServer
	plans, refreshes, reads int
}

func (c *countingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	c.plans++
	return c.frameworkServer.PlanResourceChange(ctx, req)
}

func (c *countingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	c.refreshes++
	return c.frameworkServer.ReadResource(ctx, req)
}

func (c *countingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	c.reads++
	return c.frameworkServer.ReadDataSource(ctx, req)
}

// countedServer is the provider's server over a countingServer.
func countedServer(t *testing.T) (*server, *countingServer) {
	t.Helper()
	fw, ok := ProtocolV6Server("test")().(*server)
	if !ok {
		t.Fatal("ProtocolV6Server does not serve *server")
	}
	counting := &countingServer{frameworkServer: fw.frameworkServer}
	return &server{frameworkServer: counting, provider: fw.provider}, counting
}

// recordedState is the state of recordedRetirement with notes, and its type.
func recordedState(t *testing.T, notes string) (tftypes.Type, tftypes.Value) {
	t.Helper()
	sch := retirementTestSchema(t)
	m := recordedRetirement()
	m.Notes = types.StringValue(notes)
	return sch.Type().TerraformType(context.Background()), objectOf(t, sch, m)
}

func dynamicValue(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func TestServerPlan_unchangedRecordIsItsState(t *testing.T) {
	ctx := context.Background()
	typ, recorded := recordedState(t, "first")
	prior := dynamicValue(t, typ, recorded)
	planReq := func() *tfprotov6.PlanResourceChangeRequest {
		return &tfprotov6.PlanResourceChangeRequest{TypeName: "isometric_retirement", PriorState: prior,
			ProposedNewState: dynamicValue(t, typ, recorded), Config: dynamicValue(t, typ, recorded),
			PriorPrivate: []byte(`{"k":"eyJhIjoxfQ=="}`)}
	}
	srv, counting := countedServer(t)

	got, err := srv.PlanResourceChange(ctx, planReq())
	if err != nil {
		t.Fatal(err)
	}
	if counting.plans != 0 {
		t.Errorf("the plan of an unchanged record went to the framework (%d calls)", counting.plans)
	}
	if !bytes.Equal(got.PlannedState.MsgPack, prior.MsgPack) || len(got.RequiresReplace) != 0 || len(got.Diagnostics) != 0 {
		t.Errorf("planned %x, replace %v, diagnostics %v; want the prior state %x and nothing else", got.PlannedState.MsgPack,
			got.RequiresReplace, got.Diagnostics, prior.MsgPack)
	}
	if string(got.PlannedPrivate) != `{"k":"eyJhIjoxfQ=="}` {
		t.Errorf("planned private %q, want the prior private data", got.PlannedPrivate)
	}
	if got.PlannedIdentity == nil {
		t.Fatal("no planned identity for a state without one; the framework plans a null identity")
	}

	// The framework's own answer to the same request is the same plan.
	want, err := counting.frameworkServer.PlanResourceChange(ctx, planReq())
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Diagnostics) != 0 {
		t.Fatalf("framework diagnostics: %+v", *want.Diagnostics[0])
	}
	wantState, err := want.PlannedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	if !wantState.Equal(recorded) || len(want.RequiresReplace) != 0 || string(want.PlannedPrivate) != string(got.PlannedPrivate) {
		t.Errorf("the framework plans %v (replace %v, private %q); the server planned the prior state", wantState, want.RequiresReplace, want.PlannedPrivate)
	}
	idType := srv.resources["isometric_retirement"].identity
	wantID, err := want.PlannedIdentity.IdentityData.Unmarshal(idType)
	if err != nil {
		t.Fatal(err)
	}
	gotID, err := got.PlannedIdentity.IdentityData.Unmarshal(idType)
	if err != nil {
		t.Fatal(err)
	}
	if !gotID.Equal(wantID) {
		t.Errorf("planned identity %v, the framework's %v", gotID, wantID)
	}

	// With a prior identity, the plan keeps it.
	ident := &tfprotov6.ResourceIdentityData{IdentityData: dynamicValue(t, idType,
		tftypes.NewValue(idType, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "ret_1TEST000000000001")}))}
	req := planReq()
	req.PriorIdentity = ident
	if got, err := srv.PlanResourceChange(ctx, req); err != nil || got.PlannedIdentity != ident {
		t.Errorf("planned identity %v (%v), want the prior identity", got.PlannedIdentity, err)
	}
}

func TestServerPlan_changesGoToTheFramework(t *testing.T) {
	ctx := context.Background()
	typ, recorded := recordedState(t, "first")
	_, changed := recordedState(t, "second")
	srv, counting := countedServer(t)
	null := tftypes.NewValue(typ, nil)
	for name, tc := range map[string]struct{ prior, proposed tftypes.Value }{
		"change":  {recorded, changed},
		"create":  {null, changed},
		"destroy": {recorded, null},
	} {
		t.Run(name, func(t *testing.T) {
			before := counting.plans
			resp, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "isometric_retirement",
				PriorState: dynamicValue(t, typ, tc.prior), ProposedNewState: dynamicValue(t, typ, tc.proposed), Config: dynamicValue(t, typ, tc.proposed)})
			if err != nil {
				t.Fatal(err)
			}
			if counting.plans != before+1 {
				t.Errorf("the plan did not go to the framework")
			}
			if name == "change" && (len(resp.Diagnostics) == 0 || resp.Diagnostics[0].Summary != "Cannot change notes of a recorded retirement") {
				t.Errorf("diagnostics %+v, want the framework's refusal of the change", resp.Diagnostics)
			}
		})
	}
}

func TestServerReadDataSource_streamedOnceConfigured(t *testing.T) {
	ctx := context.Background()
	reg := newTestRegistry(t, nil)
	srv, counting := countedServer(t)
	if _, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	ds, ok := newCreditBatchesDataSource().(*specDataSource)
	if !ok {
		t.Fatal("not a spec data source")
	}
	typ, config := dataSourceConfig(t, ds, nil)
	read := func() *tfprotov6.ReadDataSourceResponse {
		t.Helper()
		resp, err := srv.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "isometric_credit_batches", Config: dynamicValue(t, typ, config)})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}

	// Not configured: the framework answers (and reports it).
	if resp := read(); counting.reads != 1 || len(resp.Diagnostics) == 0 {
		t.Fatalf("before Configure: %d framework reads, diagnostics %v; want the framework's answer", counting.reads, resp.Diagnostics)
	}

	configureServer(t, srv, reg)

	reg.Registry.ResetRequests()
	resp := read()
	if counting.reads != 1 || len(resp.Diagnostics) != 0 || resp.State == nil {
		t.Fatalf("after Configure: %d framework reads, diagnostics %v; want the server's own read", counting.reads-1, resp.Diagnostics)
	}
	state, err := resp.State.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	var records []tftypes.Value
	if err := attrs["credit_batches"].As(&records); err != nil {
		t.Fatal(err)
	}
	var org string
	if err := attrs["organisation_id"].As(&org); err != nil || org != localregistry.DemoBuyerOrgID {
		t.Errorf("organisation_id %q (%v), want the authenticated %s", org, err, localregistry.DemoBuyerOrgID)
	}
	if want := len(reg.seed.batchesOf(localregistry.DemoBuyerOrgID, notSplit)); len(records) != want || want == 0 {
		t.Errorf("%d credit batches, want the buyer's %d", len(records), want)
	}
	if n := len(reg.Registry.Requests()); n != 2 {
		t.Errorf("%d requests (%s), want 2: the organisation and one page", n, reg.requestSummary())
	}
}

// configureServer configures srv for reg, acting as the demo buyer.
func configureServer(t *testing.T, srv *server, reg *testRegistry) {
	t.Helper()
	ctx := context.Background()
	var ps provider.SchemaResponse
	srv.provider.Schema(ctx, provider.SchemaRequest{}, &ps)
	ptyp, ok := ps.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the provider schema is not an object")
	}
	pattrs := map[string]tftypes.Value{}
	for name, at := range ptyp.AttributeTypes {
		pattrs[name] = tftypes.NewValue(at, nil)
	}
	pattrs["endpoint"] = tftypes.NewValue(tftypes.String, reg.APIEndpoint)
	pattrs["client_secret"] = tftypes.NewValue(tftypes.String, reg.clientSecret)
	pattrs["access_token"] = tftypes.NewValue(tftypes.String, localregistry.DemoBuyerToken)
	resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dynamicValue(t, ptyp, tftypes.NewValue(ptyp, pattrs))})
	if err != nil || len(resp.Diagnostics) != 0 {
		t.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
}

// TestServerRefresh_isTheFrameworkRefresh refreshes recorded transactions of the demo world both
// ways: the server answers an unchanged record with the state's own bytes, a changed one with the
// framework's state, and a missing one with the framework's error.
func TestServerRefresh_isTheFrameworkRefresh(t *testing.T) {
	ctx := context.Background()
	reg := newTestRegistry(t, nil)
	srv, counting := countedServer(t)
	configureServer(t, srv, reg)
	for _, tc := range []struct {
		typeName, id, missing, timeAttr, missingSummary string
	}{
		{"isometric_retirement", localregistry.DemoRetirementID, "ret_1NOSUCHRETIREMNT1", "retired_at", "Retirement ret_1NOSUCHRETIREMNT1 not found in the registry"},
		{"isometric_transfer", localregistry.DemoTransferID, "tfr_1NOSUCHTRANSFER1", "transferred_at", "Transfer tfr_1NOSUCHTRANSFER1 not found in the registry"},
		{"isometric_delivery", localregistry.DemoDeliveryA1ID, "dlv_1NOSUCHDELIVERY1", "delivered_at", "Delivery dlv_1NOSUCHDELIVERY1 not found in the registry"},
	} {
		t.Run(tc.typeName, func(t *testing.T) {
			info, ok := srv.resource(ctx, tc.typeName)
			if !ok || info.refresh == nil {
				t.Fatalf("%s is not refreshed by the server", tc.typeName)
			}
			typ, ok := info.schema.Schema.Type().TerraformType(ctx).(tftypes.Object)
			if !ok {
				t.Fatal("the schema is not an object")
			}
			stateWith := func(set map[string]tftypes.Value) *tfprotov6.DynamicValue {
				vals := map[string]tftypes.Value{}
				for name, at := range typ.AttributeTypes {
					vals[name] = tftypes.NewValue(at, nil)
					if v, ok := set[name]; ok {
						vals[name] = v
					}
				}
				return dynamicValue(t, typ, tftypes.NewValue(typ, vals))
			}
			readBoth := func(state *tfprotov6.DynamicValue) (ours, theirs *tfprotov6.ReadResourceResponse, viaFramework int) {
				t.Helper()
				before := counting.refreshes
				ours, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: tc.typeName, CurrentState: state})
				if err != nil {
					t.Fatal(err)
				}
				viaFramework = counting.refreshes - before
				if viaFramework != 0 {
					t.Errorf("the server handed the refresh to the framework")
				}
				theirs, err = counting.frameworkServer.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: tc.typeName, CurrentState: state})
				if err != nil {
					t.Fatal(err)
				}
				return ours, theirs, viaFramework
			}
			value := func(dv *tfprotov6.DynamicValue) tftypes.Value {
				t.Helper()
				v, err := dv.Unmarshal(typ)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}

			// An imported state (only the ID): the refresh derives everything, as the framework's does.
			ours, theirs, viaFramework := readBoth(stateWith(map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, tc.id)}))
			if viaFramework != 0 || len(ours.Diagnostics) != 0 || len(theirs.Diagnostics) != 0 {
				t.Fatalf("import: %d framework reads, diagnostics %v / %v", viaFramework, ours.Diagnostics, theirs.Diagnostics)
			}
			recorded := value(theirs.NewState)
			if !value(ours.NewState).Equal(recorded) {
				t.Fatalf("import: the server refreshed\n%v\nthe framework\n%v", value(ours.NewState), recorded)
			}
			wantID := tftypes.NewValue(info.identity, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, tc.id)})
			if got, err := ours.NewIdentity.IdentityData.Unmarshal(info.identity); err != nil || !got.Equal(wantID) {
				t.Errorf("identity %v (%v), want %v", got, err, wantID)
			}

			// The recorded state, unchanged: its own bytes, as the framework's value.
			ours, theirs, _ = readBoth(theirs.NewState)
			if !bytes.Equal(ours.NewState.MsgPack, dynamicValue(t, typ, recorded).MsgPack) || !value(theirs.NewState).Equal(recorded) {
				t.Errorf("unchanged: the server answered %v, the framework %v; want the recorded state", value(ours.NewState), value(theirs.NewState))
			}

			// A state whose time the registry does not confirm: the registry's time, as the framework's.
			var recordedAttrs map[string]tftypes.Value
			if err := recorded.As(&recordedAttrs); err != nil {
				t.Fatal(err)
			}
			attrs := maps.Clone(recordedAttrs) // As shares the value's map
			attrs[tc.timeAttr] = tftypes.NewValue(tftypes.String, "2001-01-01T00:00:00Z")
			ours, theirs, _ = readBoth(dynamicValue(t, typ, tftypes.NewValue(typ, attrs)))
			if !value(ours.NewState).Equal(recorded) || !value(theirs.NewState).Equal(recorded) {
				t.Errorf("changed: the server answered %v, the framework %v; want the recorded state", value(ours.NewState), value(theirs.NewState))
			}

			// A record the registry does not have: the framework's error, on id.
			ours, theirs, _ = readBoth(stateWith(map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, tc.missing)}))
			if len(ours.Diagnostics) != 1 || len(theirs.Diagnostics) != 1 || ours.Diagnostics[0].Summary != tc.missingSummary ||
				ours.Diagnostics[0].Detail != theirs.Diagnostics[0].Detail || !ours.Diagnostics[0].Attribute.Equal(theirs.Diagnostics[0].Attribute) {
				t.Errorf("missing: the server reported %+v, the framework %+v", ours.Diagnostics, theirs.Diagnostics)
			}
		})
	}
}

// TestServerPlan_shortcutAssumptions walks the schema of every resource whose unchanged plan the
// server answers itself (resourceWithStatePlan) and fails, naming the departure, when the resource
// gains what that shortcut assumes away: a default, a plan modifier that may change a value the
// configuration agrees with, a write-only attribute, or a schema version above 0 (a state upgrade).
// The shortcut is part of "the plan is a promise": it answers the prior state as the plan.
func TestServerPlan_shortcutAssumptions(t *testing.T) {
	ctx := context.Background()
	for _, newResource := range resources() {
		r := newResource()
		if _, ok := r.(resourceWithStatePlan); !ok {
			continue
		}
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "isometric"}, &md)
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		if sr.Schema.Version != 0 {
			t.Errorf("%s: schema version %d: the server's unchanged plan skips the state upgrade; upgrade states first or drop resourceWithStatePlan",
				md.TypeName, sr.Schema.Version)
		}
		var departures []string
		walkSchemaValues(md.TypeName, reflect.ValueOf(sr.Schema.Attributes), &departures)
		walkSchemaValues(md.TypeName, reflect.ValueOf(sr.Schema.Blocks), &departures)
		for _, d := range departures {
			t.Errorf("%s; the server answers an unchanged plan with the prior state, which would skip it: remove it or drop resourceWithStatePlan", d)
		}
	}
}

// walkSchemaValues looks through attributes and blocks (maps of them, nested objects) for fields
// the unchanged-plan shortcut assumes away, and appends a line per departure.
func walkSchemaValues(at string, v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if !v.IsNil() {
			walkSchemaValues(at, v.Elem(), out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkSchemaValues(at+"."+fmt.Sprint(k.Interface()), v.MapIndex(k), out)
		}
	case reflect.Struct:
		if f := v.FieldByName("Default"); f.IsValid() && !f.IsNil() {
			*out = append(*out, at+": a default ("+fmt.Sprintf("%T", f.Interface())+")")
		}
		if f := v.FieldByName("WriteOnly"); f.IsValid() && f.Bool() {
			*out = append(*out, at+": a write-only attribute")
		}
		if f := v.FieldByName("PlanModifiers"); f.IsValid() {
			for i := range f.Len() {
				// UseStateForUnknown keeps the state's value: the same as the prior state.
				if m := fmt.Sprintf("%T", f.Index(i).Interface()); !strings.Contains(m, "useStateForUnknown") {
					*out = append(*out, at+": a plan modifier ("+m+")")
				}
			}
		}
		for _, name := range []string{"Attributes", "Blocks", "NestedObject"} {
			if f := v.FieldByName(name); f.IsValid() {
				walkSchemaValues(at, f, out)
			}
		}
	}
}

// TestServerPlan_shortcutAssumptionsAreSeen: the walk finds each kind of departure.
func TestServerPlan_shortcutAssumptionsAreSeen(t *testing.T) {
	var out []string
	walkSchemaValues("x", reflect.ValueOf(map[string]rschema.Attribute{
		"d": rschema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("a")},
		"w": rschema.StringAttribute{Optional: true, WriteOnly: true},
		"n": rschema.ListNestedAttribute{Optional: true, NestedObject: rschema.NestedAttributeObject{Attributes: map[string]rschema.Attribute{
			"p": rschema.StringAttribute{Optional: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"u": rschema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		}}},
	}), &out)
	sort.Strings(out)
	want := []string{"x.d: a default", "x.n.p: a plan modifier", "x.w: a write-only attribute"}
	if len(out) != len(want) {
		t.Fatalf("departures %q, want %q", out, want)
	}
	for i := range want {
		if !strings.HasPrefix(out[i], want[i]) {
			t.Errorf("departure %q, want %q…", out[i], want[i])
		}
	}
}
