package provider

// The provider's protocol 6 server: the framework's, with four departures.
//
//   - Generated configuration (terraform plan -generate-config-out, terraform query
//     -generate-config-out; Terraform 1.14 and later ask the provider for it with the
//     GenerateResourceConfig call, which the server announces). The framework writes back every
//     argument of the state; a resource implementing resourceWithGeneratedConfig keeps only the
//     arguments its record can be planned again from (a retirement: one of its two modes), so that
//     the generated configuration passes the resource's own validation and the plan after the
//     import is empty.
//   - The plan of an unchanged record. When the proposed new state is the prior state, byte for
//     byte, a resource implementing resourceWithStatePlan plans exactly that state: the server
//     answers so itself, without the framework's passes over the value (defaults, write-only
//     attributes, one rewrite of the whole plan per top-level attribute for the plan modifiers),
//     which were most of the provider's CPU in a plan of many existing records (see `make bench`).
//   - The refresh of a transaction record (resourceWithRefresh). The server runs the resource's
//     refresh itself on the state as it came, and when the record changed nothing it answers
//     with the state's own bytes: the framework would decode the state, walk it, convert it to
//     its values and back, compare them and encode them again, which was about 40% of the
//     provider's CPU in a refresh of many records.
//   - The data sources with records (list data sources, streamingDataSource). The server reads
//     them itself with the provider data of the last Configure and encodes each record as it
//     arrives (record_sink.go), where the framework would hold the whole list as Terraform values,
//     copy it and compare it attribute by attribute: over 400 MB of memory for 10 000 credit
//     batches.
//     Before the provider is configured (or when its configuration is deferred) the framework
//     reads them as usual.

import (
	"bytes"
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// resourceWithGeneratedConfig is a resource whose generated configuration needs more than the
// framework's default (every argument of the state).
type resourceWithGeneratedConfig interface {
	resource.Resource
	// GeneratedConfig shapes cfg, the configuration generated from a state (a value of the
	// resource's schema, held as a state so that attributes can be set).
	GeneratedConfig(ctx context.Context, cfg *tfsdk.State, diags *diag.Diagnostics)
}

// ProtocolV6Server returns the constructor of the provider's protocol 6 server (for
// tf6server.Serve and the acceptance tests' provider factories).
func ProtocolV6Server(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		p := newProvider(version)
		fw := providerserver.NewProtocol6(p)()
		withLists, ok := fw.(frameworkServer)
		if !ok {
			panic(fmt.Sprintf("the framework's protocol 6 server %T does not serve list resources", fw))
		}
		return &server{frameworkServer: withLists, provider: p}
	}
}

// frameworkServer is what the framework's server serves: a provider and its list resources
// (terraform query), which tf6server finds by a type assertion.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
}

// resourceWithStatePlan is a resource whose plan of an unchanged record is its prior state: no
// attribute has a default, and no plan modifier or ModifyPlan changes a value that the
// configuration agrees with (the transaction resources: see transactionSpec.ModifyPlan).
type resourceWithStatePlan interface {
	resource.Resource
	plansUnchangedAsState()
}

// resourceWithRefresh is a resource whose refresh the server runs itself: refresh reads the
// registry's record of state, writes to state what changed and to identity the record's
// identity, and reports whether the state changed. The resource's Read runs the same refresh.
type resourceWithRefresh interface {
	resource.Resource
	refresh(ctx context.Context, pd *providerData, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) (changed bool)
}

// server is the framework's server with the departures of this file's comment.
type server struct {
	frameworkServer
	provider *isometricProvider

	once        sync.Once
	resources   map[string]serverResource      // by resource type name
	dataSources map[string]streamingDataSource // by data source type name
}

// streamingDataSource is a data source with records that the server reads itself.
type streamingDataSource interface {
	datasource.DataSource
	// readEncoded reads the data source for config, a value of its schema, with the provider data
	// pd, and returns the state encoded as MessagePack.
	readEncoded(ctx context.Context, pd *providerData, config tftypes.Value) ([]byte, diag.Diagnostics)
	// schemaResponse is the data source's schema.
	schemaResponse(ctx context.Context) datasource.SchemaResponse
	// streamsRecords reports whether the data source has records (otherwise the framework reads it).
	streamsRecords() bool
}

// serverResource is what the server needs of one resource type.
type serverResource struct {
	schema resource.SchemaResponse
	// typ is the type of the schema's values, built once.
	typ tftypes.Type
	// generated shapes the generated configuration (nil: the framework's).
	generated resourceWithGeneratedConfig
	// statePlan: the plan of an unchanged record is its prior state (resourceWithStatePlan).
	statePlan bool
	// refresh is the resource's own refresh (nil: the framework reads it).
	refresh resourceWithRefresh
	// identity is the type of the resource's identity and identitySchema its schema (nil: it has
	// none).
	identity       tftypes.Type
	identitySchema identityschema.Schema
}

// resource returns what the server needs of the resource typeName.
func (s *server) resource(ctx context.Context, typeName string) (serverResource, bool) {
	s.once.Do(func() { s.index(ctx) })
	info, ok := s.resources[typeName]
	return info, ok && !info.schema.Diagnostics.HasError()
}

// dataSource returns the data source typeName when the server reads it itself.
func (s *server) dataSource(ctx context.Context, typeName string) (streamingDataSource, bool) {
	s.once.Do(func() { s.index(ctx) })
	ds, ok := s.dataSources[typeName]
	return ds, ok
}

// index builds the server's tables of resources and data sources.
func (s *server) index(ctx context.Context) {
	s.dataSources = map[string]streamingDataSource{}
	for _, newDataSource := range dataSources() {
		ds, ok := newDataSource().(streamingDataSource)
		if !ok || !ds.streamsRecords() {
			continue
		}
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "isometric"}, &meta)
		if !ds.schemaResponse(ctx).Diagnostics.HasError() {
			s.dataSources[meta.TypeName] = ds
		}
	}
	s.resources = map[string]serverResource{}
	for _, newResource := range resources() {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "isometric"}, &meta)
		var info serverResource
		r.Schema(ctx, resource.SchemaRequest{}, &info.schema)
		info.typ = info.schema.Schema.Type().TerraformType(ctx)
		info.generated, _ = r.(resourceWithGeneratedConfig)
		info.refresh, _ = r.(resourceWithRefresh)
		_, info.statePlan = r.(resourceWithStatePlan)
		if ri, ok := r.(resource.ResourceWithIdentity); ok {
			var id resource.IdentitySchemaResponse
			ri.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &id)
			if !id.Diagnostics.HasError() {
				info.identity = id.IdentitySchema.Type().TerraformType(ctx)
				info.identitySchema = id.IdentitySchema
			}
		}
		s.resources[meta.TypeName] = info
	}
}

// ReadResource runs the refresh of a resourceWithRefresh itself once the provider is configured
// (see the file comment); anything else goes to the framework.
func (s *server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	if resp, ok := s.refreshed(ctx, req); ok {
		return resp, nil
	}
	return s.frameworkServer.ReadResource(ctx, req)
}

func (s *server) refreshed(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, bool) {
	if s.provider == nil || req.CurrentState == nil {
		return nil, false
	}
	pd := s.provider.handedOut.Load()
	info, ok := s.resource(ctx, req.TypeName)
	if pd == nil || !ok || info.refresh == nil || info.identity == nil {
		return nil, false
	}
	typ := info.typ
	raw, err := req.CurrentState.Unmarshal(typ)
	if err != nil || raw.IsNull() || !raw.IsFullyKnown() {
		return nil, false
	}
	identity := tfsdk.ResourceIdentity{Schema: info.identitySchema, Raw: tftypes.NewValue(info.identity, nil)}
	if req.CurrentIdentity != nil && req.CurrentIdentity.IdentityData != nil {
		if identity.Raw, err = req.CurrentIdentity.IdentityData.Unmarshal(info.identity); err != nil {
			return nil, false
		}
	}
	state := tfsdk.State{Schema: info.schema.Schema, Raw: raw}
	var diags diag.Diagnostics
	changed := pd.ready(&diags) && info.refresh.refresh(ctx, pd, &state, &identity, &diags)
	resp := &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}
	for _, d := range diags {
		resp.Diagnostics = append(resp.Diagnostics, protocolDiagnostic(d))
	}
	if diags.HasError() {
		return resp, true
	}
	if changed {
		dv, err := tfprotov6.NewDynamicValue(typ, state.Raw)
		if err != nil {
			return nil, false
		}
		resp.NewState = &dv
	}
	id, err := tfprotov6.NewDynamicValue(info.identity, identity.Raw)
	if err != nil {
		return nil, false
	}
	resp.NewIdentity = &tfprotov6.ResourceIdentityData{IdentityData: &id}
	return resp, true
}

// ReadDataSource reads a data source with records itself (streamingDataSource) once the provider
// is configured and the configuration is known; anything else goes to the framework.
func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if resp, ok := s.streamedRead(ctx, req); ok {
		return resp, nil
	}
	return s.frameworkServer.ReadDataSource(ctx, req)
}

func (s *server) streamedRead(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, bool) {
	if s.provider == nil || req.Config == nil {
		return nil, false
	}
	pd := s.provider.handedOut.Load()
	ds, ok := s.dataSource(ctx, req.TypeName)
	if pd == nil || !ok {
		return nil, false
	}
	config, err := req.Config.Unmarshal(ds.schemaResponse(ctx).Schema.Type().TerraformType(ctx))
	if err != nil || !config.IsFullyKnown() {
		return nil, false
	}
	state, diags := ds.readEncoded(ctx, pd, config)
	resp := &tfprotov6.ReadDataSourceResponse{}
	for _, d := range diags {
		resp.Diagnostics = append(resp.Diagnostics, protocolDiagnostic(d))
	}
	if !diags.HasError() {
		resp.State = &tfprotov6.DynamicValue{MsgPack: state}
	}
	return resp, true
}

// PlanResourceChange answers the plan of an unchanged record of a resourceWithStatePlan itself:
// the planned state is the prior state, with its private data and identity, and nothing to
// replace, which is what the framework would answer after its passes over the value. Anything
// else (a create, a destroy, a change, a value that differs only in its encoding) goes to the
// framework.
func (s *server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if resp, ok := s.unchangedPlan(ctx, req); ok {
		return resp, nil
	}
	return s.frameworkServer.PlanResourceChange(ctx, req)
}

// msgpackNull is the MessagePack encoding of a null value (no prior state: a create).
var msgpackNull = []byte{0xc0}

func (s *server) unchangedPlan(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, bool) {
	if req.PriorState == nil || req.ProposedNewState == nil {
		return nil, false
	}
	prior := req.PriorState.MsgPack
	if len(prior) == 0 || bytes.Equal(prior, msgpackNull) || !bytes.Equal(prior, req.ProposedNewState.MsgPack) {
		return nil, false
	}
	info, ok := s.resource(ctx, req.TypeName)
	if !ok || !info.statePlan {
		return nil, false
	}
	resp := &tfprotov6.PlanResourceChangeResponse{
		PlannedState:    req.PriorState,
		PlannedPrivate:  req.PriorPrivate,
		PlannedIdentity: req.PriorIdentity,
	}
	if resp.PlannedIdentity == nil && info.identity != nil {
		// A state written before identities existed: the framework plans a null identity.
		null, err := tfprotov6.NewDynamicValue(info.identity, tftypes.NewValue(info.identity, nil))
		if err != nil {
			return nil, false
		}
		resp.PlannedIdentity = &tfprotov6.ResourceIdentityData{IdentityData: &null}
	}
	return resp, true
}

// GetMetadata announces the GenerateResourceConfig call, which the framework serves but does not
// announce (terraform-plugin-framework v1.19.0): without it Terraform writes every argument of the
// state.
func (s *server) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	resp, err := s.frameworkServer.GetMetadata(ctx, req)
	if resp != nil {
		resp.ServerCapabilities = withGenerateResourceConfig(resp.ServerCapabilities)
	}
	return resp, err
}

// GetProviderSchema announces the GenerateResourceConfig call (see GetMetadata).
func (s *server) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp, err := s.frameworkServer.GetProviderSchema(ctx, req)
	if resp != nil {
		resp.ServerCapabilities = withGenerateResourceConfig(resp.ServerCapabilities)
	}
	return resp, err
}

func withGenerateResourceConfig(c *tfprotov6.ServerCapabilities) *tfprotov6.ServerCapabilities {
	if c == nil {
		c = &tfprotov6.ServerCapabilities{}
	}
	c.GenerateResourceConfig = true
	return c
}

// GenerateResourceConfig implements tfprotov6.ResourceServer: the framework's configuration, then
// the resource's shape of it.
func (s *server) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	resp, err := s.frameworkServer.GenerateResourceConfig(ctx, req)
	if err != nil || resp == nil || resp.Config == nil || hasProtocolError(resp.Diagnostics) {
		return resp, err
	}
	sh, ok := s.resource(ctx, req.TypeName)
	if !ok || sh.generated == nil {
		return resp, nil
	}
	typ := sh.typ
	raw, err := resp.Config.Unmarshal(typ)
	if err != nil {
		return protocolError(resp, "Cannot read the generated configuration", err), nil
	}
	if raw.IsNull() {
		return resp, nil // no state to generate from (a list result without its resource)
	}
	cfg := tfsdk.State{Schema: sh.schema.Schema, Raw: raw}
	var diags diag.Diagnostics
	sh.generated.GeneratedConfig(ctx, &cfg, &diags)
	for _, d := range diags {
		resp.Diagnostics = append(resp.Diagnostics, protocolDiagnostic(d))
	}
	if diags.HasError() {
		return resp, nil
	}
	dv, err := tfprotov6.NewDynamicValue(typ, cfg.Raw)
	if err != nil {
		return protocolError(resp, "Cannot write the generated configuration", err), nil
	}
	resp.Config = &dv
	return resp, nil
}

func hasProtocolError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d != nil && d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// protocolDiagnostic is d for the protocol, with its attribute path when it has one.
func protocolDiagnostic(d diag.Diagnostic) *tfprotov6.Diagnostic {
	sev := tfprotov6.DiagnosticSeverityWarning
	if d.Severity() == diag.SeverityError {
		sev = tfprotov6.DiagnosticSeverityError
	}
	out := &tfprotov6.Diagnostic{Severity: sev, Summary: d.Summary(), Detail: d.Detail()}
	if withPath, ok := d.(diag.DiagnosticWithPath); ok {
		out.Attribute = protocolPath(withPath.Path())
	}
	return out
}

// protocolPath is p as a tftypes path (nil for the root, or a step it cannot express).
func protocolPath(p path.Path) *tftypes.AttributePath {
	steps := p.Steps()
	if len(steps) == 0 {
		return nil
	}
	out := tftypes.NewAttributePath()
	for _, step := range steps {
		switch st := step.(type) {
		case path.PathStepAttributeName:
			out = out.WithAttributeName(string(st))
		case path.PathStepElementKeyInt:
			out = out.WithElementKeyInt(int(st))
		case path.PathStepElementKeyString:
			out = out.WithElementKeyString(string(st))
		case path.PathStepElementKeyValue:
			v, err := st.ToTerraformValue(context.Background())
			if err != nil {
				return nil
			}
			out = out.WithElementKeyValue(v)
		default:
			return nil
		}
	}
	return out
}

func protocolError(resp *tfprotov6.GenerateResourceConfigResponse, summary string, err error) *tfprotov6.GenerateResourceConfigResponse {
	resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityError, Summary: summary,
		Detail: fmt.Sprintf("%v. This is a bug in the provider; please report it.", err)})
	return resp
}
