package provider

// Data source machinery shared by every data source of the provider.
//
// A data source is a declaration, not a type with hand-written Schema/Read boilerplate:
// dataSourceSpec (newDataSource) declares its arguments, its computed results (computedAttr
// descriptions, see schema.go and the records_*.go files) and a Read function that returns their
// values. List data sources are declared with listSpec (list_data_source.go), the data sources of
// one transaction record with transactionRecordSpec (transaction_record_data_source.go).
//
// Read functions get a *dataSourceRead: the configured arguments (String, Strings, Int64), the API
// client, the diagnostics, and helpers that turn client errors into diagnostics naming the
// environment/endpoint (ClientError, fetchByID) and default an organisation argument to the
// authenticated organisation (OrganisationID). The argument helpers at the end of this file
// (idArgument, enumArgument, timestampArgument, ...) build the configurable attributes.

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// dataSourceSpec declares a data source. newDataSource turns it into a datasource.DataSource.
type dataSourceSpec struct {
	// Name is the type name without the provider prefix: "supplier" declares isometric_supplier.
	Name string
	// Description is the data source's MarkdownDescription.
	Description string
	// Arguments are the configurable attributes (Required, or Optional and maybe Computed), each
	// with a MarkdownDescription and validators.
	Arguments map[string]dsschema.Attribute
	// Results describe the computed attributes. A result named like an argument is not added to
	// the schema (declare the argument Optional+Computed); its value from Read is stored only when
	// the argument is not configured, for example `id` when the data source defaults to the
	// authenticated supplier.
	Results []computedAttr
	// Read fetches the data and returns the value of every result, keyed by name. On failure it
	// adds an error to r.Diags and returns nil.
	Read func(r *dataSourceRead) map[string]attr.Value
	// ConfigValidators are optional checks across arguments.
	ConfigValidators []datasource.ConfigValidator
	// Records optionally names the result that is a list of records (list data sources). Read
	// emits its elements one by one with r.Emit and leaves it out of the map it returns; each
	// record is encoded as it comes (see recordSink), so that a list of any length never lives in
	// memory as Terraform values.
	Records string
}

// dataSourceRead is what a Read function gets: the configured arguments, the API client and the
// diagnostics to report to.
type dataSourceRead struct {
	Ctx    context.Context
	Client *client.Client
	Diags  *diag.Diagnostics

	pd      *providerData
	config  tfsdk.Config
	state   *tfsdk.State
	records recordSink
}

// Emit adds rec to the records of the data source (dataSourceSpec.Records). It returns
// errRecordNotEncoded, after reporting it, when rec cannot be encoded (a provider bug).
func (r *dataSourceRead) Emit(rec types.Object) error {
	v, err := rec.ToTerraformValue(r.Ctx)
	if err == nil {
		err = r.records.add(v)
	}
	if err != nil {
		r.Diags.AddError("Provider bug", fmt.Sprintf("Cannot encode a record of the data source: %v. Please report this.", err))
		return errRecordNotEncoded
	}
	return nil
}

// errRecordNotEncoded is the error of Emit (reported already).
var errRecordNotEncoded = errors.New("record not encoded")

// String returns the configured value of a string argument ("" when not set).
func (r *dataSourceRead) String(name string) string {
	var v types.String
	r.Diags.Append(r.config.GetAttribute(r.Ctx, path.Root(name), &v)...)
	return v.ValueString()
}

// Int64 returns the configured value of an integer argument (0 when not set).
func (r *dataSourceRead) Int64(name string) int64 {
	var v types.Int64
	r.Diags.Append(r.config.GetAttribute(r.Ctx, path.Root(name), &v)...)
	return v.ValueInt64()
}

// Strings returns the configured elements of a set or list of strings argument, sorted (nil when
// not set).
func (r *dataSourceRead) Strings(name string) []string {
	var v []types.String
	r.Diags.Append(r.config.GetAttribute(r.Ctx, path.Root(name), &v)...)
	if len(v) == 0 {
		return nil
	}
	out := make([]string, 0, len(v))
	for _, s := range v {
		out = append(out, s.ValueString())
	}
	sort.Strings(out)
	return out
}

// setArgument stores a value computed for an Optional+Computed argument that is not configured.
func (r *dataSourceRead) setArgument(name string, v attr.Value) {
	r.Diags.Append(r.state.SetAttribute(r.Ctx, path.Root(name), v)...)
}

// ClientError reports an error of the API client under summary, naming the environment or
// endpoint in use (see providerData.addClientError).
func (r *dataSourceRead) ClientError(summary string, err error) {
	r.pd.addClientError(r.Diags, summary, err)
}

// OrganisationID returns the organisation ID configured in the argument name, or, when it is not
// set, the ID of the organisation the access token acts as (GET /organisation), which it stores in
// the argument (declare it with organisationIDArgument). It returns "" after reporting an error.
func (r *dataSourceRead) OrganisationID(name string) string {
	if id := r.String(name); id != "" {
		return id
	}
	org, err := r.Client.CurrentOrganisation(r.Ctx)
	if err != nil {
		r.ClientError("Cannot read the authenticated organisation", err)
		return ""
	}
	r.setArgument(name, types.StringValue(org.ID))
	return org.ID
}

// fetchByID calls get for a by-ID lookup and reports a failure as "Cannot read <what> "<id>"" (a
// not-found error names the environment/endpoint in use). It returns nil after reporting an error.
func fetchByID[T any](r *dataSourceRead, what, id string, get func(context.Context, string) (*T, error)) *T {
	v, err := get(r.Ctx, id)
	if err != nil {
		r.ClientError(fmt.Sprintf("Cannot read %s %q", what, id), err)
		return nil
	}
	return v
}

// newDataSource builds the data source declared by spec.
func newDataSource(spec dataSourceSpec) datasource.DataSource {
	return &specDataSource{spec: spec}
}

// specDataSource implements a data source from its dataSourceSpec.
type specDataSource struct {
	spec dataSourceSpec
	pd   *providerData

	schemaOnce sync.Once
	schema     datasource.SchemaResponse
}

var (
	_ datasource.DataSource                     = (*specDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*specDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*specDataSource)(nil)
	_ streamingDataSource                       = (*specDataSource)(nil)
)

func (d *specDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.spec.Name
}

func (d *specDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourceAttributes(d.results())
	for name, a := range d.spec.Arguments {
		attrs[name] = a
	}
	resp.Schema = dsschema.Schema{MarkdownDescription: d.spec.Description, Attributes: attrs}
}

// results are the results that are not arguments.
func (d *specDataSource) results() []computedAttr {
	out := make([]computedAttr, 0, len(d.spec.Results))
	for _, a := range d.spec.Results {
		if _, isArg := d.spec.Arguments[a.Name]; !isArg {
			out = append(out, a)
		}
	}
	return out
}

func (d *specDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return d.spec.ConfigValidators
}

func (d *specDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := providerDataFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.pd = pd
	}
}

// Read implements datasource.DataSource: the framework's path, which keeps every record as a
// Terraform value. The provider's server reads the data sources with records itself
// (streamedRead), and leaves this path to a provider that is not configured.
func (d *specDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	records := &valueSink{}
	resp.State.Raw = req.Config.Raw.Copy()
	d.read(ctx, d.pd, req.Config, &resp.State, records, &resp.Diagnostics)
	if d.spec.Records == "" || resp.Diagnostics.HasError() {
		return
	}
	typ, diags := resp.State.Schema.TypeAtPath(ctx, path.Root(d.spec.Records))
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	list, err := records.list(typ.TerraformType(ctx))
	if err != nil {
		resp.Diagnostics.AddError("Provider bug", fmt.Sprintf("isometric_%s: cannot build the records: %v; please report this.", d.spec.Name, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(d.spec.Records), list)...)
}

// readEncoded reads the data source for the configuration config (a value of its schema) and
// returns its state encoded as MessagePack, the records encoded one by one as Read emits them.
func (d *specDataSource) readEncoded(ctx context.Context, pd *providerData, config tftypes.Value) ([]byte, diag.Diagnostics) {
	var diags diag.Diagnostics
	sch := d.schemaResponse(ctx)
	typ, ok := sch.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok || sch.Diagnostics.HasError() {
		diags.AddError("Provider bug", fmt.Sprintf("isometric_%s: no schema to encode the state with; please report this.", d.spec.Name))
		return nil, diags
	}
	records := &msgpackSink{}
	state := tfsdk.State{Schema: sch.Schema, Raw: config.Copy()}
	d.read(ctx, pd, tfsdk.Config{Schema: sch.Schema, Raw: config}, &state, records, &diags)
	if diags.HasError() {
		return nil, diags
	}
	encoded, err := records.state(typ, state.Raw, d.spec.Records)
	if err != nil {
		diags.AddError("Provider bug", fmt.Sprintf("isometric_%s: cannot encode the state: %v; please report this.", d.spec.Name, err))
		return nil, diags
	}
	return encoded, diags
}

// streamsRecords reports whether the data source has records, which the server reads itself.
func (d *specDataSource) streamsRecords() bool { return d.spec.Records != "" }

// schemaResponse is the data source's schema, built once.
func (d *specDataSource) schemaResponse(ctx context.Context) datasource.SchemaResponse {
	d.schemaOnce.Do(func() { d.Schema(ctx, datasource.SchemaRequest{}, &d.schema) })
	return d.schema
}

// read runs the spec's Read with the provider data pd into state, which starts as the
// configuration: arguments keep their configured values, results are set from Read's values, and
// the records go to records.
func (d *specDataSource) read(ctx context.Context, pd *providerData, config tfsdk.Config, state *tfsdk.State, records recordSink, diags *diag.Diagnostics) {
	if pd == nil {
		diags.AddError("Isometric provider not configured",
			"The data source isometric_"+d.spec.Name+" was read before the provider was configured. This is a bug in the provider; please report it.")
		return
	}
	if !pd.ready(diags) {
		return
	}
	r := &dataSourceRead{Ctx: ctx, Client: pd.Client, Diags: diags, pd: pd, config: config, state: state, records: records}
	values := d.spec.Read(r)
	if diags.HasError() {
		return
	}
	for _, a := range d.spec.Results {
		if a.Name == d.spec.Records {
			continue
		}
		v, ok := values[a.Name]
		if !ok {
			diags.AddError("Provider bug", fmt.Sprintf("isometric_%s: no value for result %q; please report this.", d.spec.Name, a.Name))
			return
		}
		if _, isArg := d.spec.Arguments[a.Name]; isArg {
			var configured attr.Value
			diags.Append(config.GetAttribute(ctx, path.Root(a.Name), &configured)...)
			if configured != nil && !configured.IsNull() {
				continue
			}
		}
		diags.Append(state.SetAttribute(ctx, path.Root(a.Name), v)...)
	}
}

// idArgument is a Required ID argument, validated statically (prefix and length).
func idArgument(kind, prefix, desc string) dsschema.StringAttribute {
	return dsschema.StringAttribute{
		Required:            true,
		MarkdownDescription: desc,
		Validators:          []validator.String{isometricIDValidator(kind, prefix)},
	}
}

// optionalIDArgument is an Optional ID argument (a filter), validated statically.
func optionalIDArgument(kind, prefix, desc string) dsschema.StringAttribute {
	return dsschema.StringAttribute{
		Optional:            true,
		MarkdownDescription: desc,
		Validators:          []validator.String{isometricIDValidator(kind, prefix)},
	}
}

// defaultedIDArgument is an Optional+Computed ID argument whose default the data source computes
// (for example the authenticated supplier or organisation).
func defaultedIDArgument(kind, prefix, desc string) dsschema.StringAttribute {
	a := optionalIDArgument(kind, prefix, desc)
	a.Computed = true
	return a
}

// organisationIDArgument is the `organisation_id` argument of data sources about one
// organisation, defaulting to the authenticated one (read it with r.OrganisationID).
func organisationIDArgument(about string) dsschema.StringAttribute {
	return defaultedIDArgument("organisation", "org_", "ID of the organisation (`org_…`) whose "+about+" to read. "+
		"Default: the organisation the access token acts as.")
}

// enumSetArgument is an Optional set of strings, each one of values.
func enumSetArgument(desc string, values ...string) dsschema.SetAttribute {
	return dsschema.SetAttribute{
		Optional:            true,
		ElementType:         types.StringType,
		MarkdownDescription: desc + " One or more of " + quotedList(values) + ".",
		Validators: []validator.Set{
			oneOfSetValidator("valid value", values...),
		},
	}
}

// enumArgument is an Optional string, one of values.
func enumArgument(desc string, values ...string) dsschema.StringAttribute {
	return dsschema.StringAttribute{
		Optional:            true,
		MarkdownDescription: desc + " One of " + quotedList(values) + ".",
		Validators:          []validator.String{oneOfValidator("valid value", values...)},
	}
}

// timestampArgument is an Optional RFC 3339 timestamp argument, validated statically.
func timestampArgument(desc string) dsschema.StringAttribute {
	return dsschema.StringAttribute{
		Optional:            true,
		MarkdownDescription: desc + " An RFC 3339 timestamp with a time zone, for example `2025-01-01T00:00:00Z`.",
		Validators:          []validator.String{stringCheck(checkRFC3339)},
	}
}
