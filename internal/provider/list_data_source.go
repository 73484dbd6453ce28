package provider

// Data source machinery shared by every data source of the provider.
//
// A data source is a declaration, not a type with hand-written Schema/Read boilerplate:
//
//   - dataSourceSpec (newDataSource) declares any data source: its arguments, its computed results
//     (computedAttr descriptions, see flatten.go) and a Read function that returns their values.
//   - listSpec[T] (listDataSource) declares a list data source: the filters, the description and
//     flattener of one record, and the client call that fetches one page. The machinery adds the
//     optional `limit` argument, walks every page at the maximum page size (client.All, 50 per
//     request), and stores the records in the registry's order plus `total_count`.
//
// Read functions get a *dataSourceRead: the configured arguments (String, Strings, Int64), the API
// client, the diagnostics, and helpers that turn client errors into diagnostics naming the
// environment/endpoint (ClientError, fetchByID) and default an organisation argument to the
// authenticated organisation (OrganisationID).
//
// Example (a whole list data source):
//
//	func newSuppliersDataSource() datasource.DataSource {
//		return listDataSource(listSpec[client.Supplier]{
//			Name:        "suppliers",
//			Description: "Lists the suppliers of the registry.",
//			Records:     "suppliers",
//			RecordsDesc: "The suppliers, in the registry's order.",
//			Record:      supplierAttrs,
//			Flatten:     func(s client.Supplier) types.Object { return supplierValue(&s) },
//			Pages: func(r *dataSourceRead) pageFetcher[client.Supplier] {
//				return pages(r.Client.ListSuppliers)
//			},
//		})
//	}

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

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
}

// dataSourceRead is what a Read function gets: the configured arguments, the API client and the
// diagnostics to report to.
type dataSourceRead struct {
	Ctx    context.Context
	Client *client.Client
	Diags  *diag.Diagnostics

	pd     *providerData
	config tfsdk.Config
	state  *tfsdk.State
}

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
}

var (
	_ datasource.DataSource                     = (*specDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*specDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*specDataSource)(nil)
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

func (d *specDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if d.pd == nil || d.pd.Client == nil {
		resp.Diagnostics.AddError("Isometric provider not configured",
			"The data source isometric_"+d.spec.Name+" was read before the provider was configured. This is a bug in the provider; please report it.")
		return
	}
	// Start from the configuration: arguments keep their configured values, results are filled below.
	resp.State.Raw = req.Config.Raw.Copy()
	r := &dataSourceRead{Ctx: ctx, Client: d.pd.Client, Diags: &resp.Diagnostics, pd: d.pd, config: req.Config, state: &resp.State}
	values := d.spec.Read(r)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, a := range d.spec.Results {
		v, ok := values[a.Name]
		if !ok {
			resp.Diagnostics.AddError("Provider bug", fmt.Sprintf("isometric_%s: no value for result %q; please report this.", d.spec.Name, a.Name))
			return
		}
		if _, isArg := d.spec.Arguments[a.Name]; isArg {
			var configured attr.Value
			resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(a.Name), &configured)...)
			if configured != nil && !configured.IsNull() {
				continue
			}
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(a.Name), v)...)
	}
}

// pageFetcher fetches one page of a paginated list with the given pagination options.
type pageFetcher[T any] func(ctx context.Context, o client.ListOptions) (*client.Page[T], error)

// pages adapts a client list method (r.Client.ListSuppliers, r.Client.ListProjects, ...) to a pageFetcher.
func pages[T any](list func(context.Context, *client.ListOptions) (*client.Page[T], error)) pageFetcher[T] {
	return func(ctx context.Context, o client.ListOptions) (*client.Page[T], error) { return list(ctx, &o) }
}

// pagesOf adapts a client list method about one object (r.Client.ListSupplierProjects(ctx, id,
// opts), ...) to a pageFetcher for the object id.
func pagesOf[T any](id string, list func(context.Context, string, *client.ListOptions) (*client.Page[T], error)) pageFetcher[T] {
	return func(ctx context.Context, o client.ListOptions) (*client.Page[T], error) { return list(ctx, id, &o) }
}

// listSpec declares a list data source over a paginated registry list (listDataSource).
type listSpec[T any] struct {
	// Name is the type name without the provider prefix, e.g. "suppliers".
	Name string
	// Description is the data source's MarkdownDescription; a sentence about paging and `limit`
	// is appended.
	Description string
	// Arguments are the filters (the machinery adds `limit`).
	Arguments map[string]dsschema.Attribute
	// ConfigValidators are optional checks across filters.
	ConfigValidators []datasource.ConfigValidator
	// Records names the list attribute holding the records, e.g. "suppliers"; RecordsDesc
	// describes it.
	Records, RecordsDesc string
	// Record describes one record; Flatten turns a record into an object of that shape.
	Record  []computedAttr
	Flatten func(T) types.Object
	// Pages returns the function that fetches one page for the configured filters; it may call
	// the API first (e.g. r.OrganisationID). It returns nil after reporting an error to r.Diags.
	Pages func(r *dataSourceRead) pageFetcher[T]
	// Totals optionally describes computed attributes derived from all the records read (for
	// example total_kg); Total computes their values.
	Totals []computedAttr
	Total  func(records []T) map[string]attr.Value
}

// Attribute names the list machinery adds.
const (
	listLimitAttr      = "limit"
	listTotalCountAttr = "total_count"
)

// listDataSource builds the list data source declared by spec: it adds the optional `limit`
// argument and the `total_count` result, walks every page at the maximum page size with
// client.All (stopping after `limit` records) and stores the records in the registry's order.
// An empty list is not an error.
func listDataSource[T any](spec listSpec[T]) datasource.DataSource {
	args := make(map[string]dsschema.Attribute, len(spec.Arguments)+1)
	for name, a := range spec.Arguments {
		args[name] = a
	}
	args[listLimitAttr] = dsschema.Int64Attribute{
		Optional: true,
		MarkdownDescription: "Maximum number of records to read, in the registry's order. " +
			"Default: every record (all pages are read).",
		Validators: []validator.Int64{int64validator.AtLeast(1)},
	}
	results := append([]computedAttr{
		{Name: spec.Records, List: spec.Record, Desc: spec.RecordsDesc},
		{Name: listTotalCountAttr, Type: types.Int64Type, Desc: "Number of records the registry holds for these filters " +
			"(its `total_count`); larger than the number of records read when `limit` stops early."},
	}, spec.Totals...)

	return newDataSource(dataSourceSpec{
		Name: spec.Name,
		Description: strings.TrimSpace(spec.Description) + fmt.Sprintf(" The provider reads every page of the list (%d records per request); "+
			"set `limit` to read fewer.", client.MaxPageSize),
		Arguments:        args,
		ConfigValidators: spec.ConfigValidators,
		Results:          results,
		Read: func(r *dataSourceRead) map[string]attr.Value {
			limit := r.Int64(listLimitAttr)
			fetch := spec.Pages(r)
			if fetch == nil || r.Diags.HasError() {
				return nil
			}
			var total int64
			records, err := client.All(r.Ctx, func(ctx context.Context, o client.ListOptions) (*client.Page[T], error) {
				page, err := fetch(ctx, o)
				if page != nil {
					total = page.TotalCount
				}
				return page, err
			}, int(limit))
			if err != nil {
				r.ClientError("Cannot list "+strings.ReplaceAll(spec.Records, "_", " "), err)
				return nil
			}
			elems := make([]attr.Value, 0, len(records))
			for _, rec := range records {
				elems = append(elems, spec.Flatten(rec))
			}
			values := map[string]attr.Value{
				spec.Records:       listValue(spec.Record, elems),
				listTotalCountAttr: types.Int64Value(total),
			}
			if spec.Total != nil {
				for name, v := range spec.Total(records) {
					values[name] = v
				}
			}
			return values
		},
	})
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
			setvalidator.SizeAtLeast(1),
			setvalidator.ValueStringsAre(stringvalidator.OneOf(values...)),
		},
	}
}

// enumArgument is an Optional string, one of values.
func enumArgument(desc string, values ...string) dsschema.StringAttribute {
	return dsschema.StringAttribute{
		Optional:            true,
		MarkdownDescription: desc + " One of " + quotedList(values) + ".",
		Validators:          []validator.String{stringvalidator.OneOf(values...)},
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

// quotedList renders values as "`a`, `b` or `c`".
func quotedList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
