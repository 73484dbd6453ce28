package provider

import (
	"bytes"
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// countingServer is the framework's server, counting the plans it is asked for.
type countingServer struct {
	frameworkServer
	plans int
}

func (c *countingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	c.plans++
	return c.frameworkServer.PlanResourceChange(ctx, req)
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
	fw, ok := ProtocolV6Server("test")().(*server)
	if !ok {
		t.Fatal("ProtocolV6Server does not serve *server")
	}
	counting := &countingServer{frameworkServer: fw.frameworkServer}
	srv := &server{frameworkServer: counting}

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
	fw, ok := ProtocolV6Server("test")().(*server)
	if !ok {
		t.Fatal("ProtocolV6Server does not serve *server")
	}
	counting := &countingServer{frameworkServer: fw.frameworkServer}
	srv := &server{frameworkServer: counting}
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

// countingReads is the framework's server, counting the data source reads it is asked for.
type countingReads struct {
	frameworkServer
	reads int
}

func (c *countingReads) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	c.reads++
	return c.frameworkServer.ReadDataSource(ctx, req)
}

func TestServerReadDataSource_streamedOnceConfigured(t *testing.T) {
	ctx := context.Background()
	reg := newTestRegistry(t, nil)
	fw, ok := ProtocolV6Server("test")().(*server)
	if !ok {
		t.Fatal("ProtocolV6Server does not serve *server")
	}
	counting := &countingReads{frameworkServer: fw.frameworkServer}
	srv := &server{frameworkServer: counting, provider: fw.provider}
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

	var ps provider.SchemaResponse
	fw.provider.Schema(ctx, provider.SchemaRequest{}, &ps)
	ptyp := ps.Schema.Type().TerraformType(ctx)
	pattrs := map[string]tftypes.Value{}
	for name, at := range ptyp.(tftypes.Object).AttributeTypes { //nolint:forcetypeassert // a schema's type is an object
		pattrs[name] = tftypes.NewValue(at, nil)
	}
	pattrs["endpoint"] = tftypes.NewValue(tftypes.String, reg.APIEndpoint)
	pattrs["client_secret"] = tftypes.NewValue(tftypes.String, reg.clientSecret)
	pattrs["access_token"] = tftypes.NewValue(tftypes.String, localregistry.DemoBuyerToken)
	cresp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dynamicValue(t, ptyp, tftypes.NewValue(ptyp, pattrs))})
	if err != nil || len(cresp.Diagnostics) != 0 {
		t.Fatalf("configure: %v %v", err, cresp.Diagnostics)
	}

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
