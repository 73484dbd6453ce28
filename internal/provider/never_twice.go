package provider

// Never twice. A transaction is permanent, so the plan refuses a create that would carry out
// again an operation that already happened:
//
//   - a rename: the create has the arguments of a transaction that the same plan removes from the
//     state (its block was renamed without a moved block, or deleted and written again). The error
//     shows the moved block to write.
//   - a repeat: the registry recorded, within recentWindow, a transaction of the same kind that
//     does what the create would do (same owner, supplier, quantity, purposes, notes,
//     beneficiary or recipient, and the named batches or their parts), and this walk did not make
//     it: for example an earlier apply whose answer was lost, or an operation made in the
//     dashboard. The error names the record and the import block to adopt it.
//
// allow_repeat = true on the create declares a deliberate identical operation and skips both.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// allowRepeatAttr is the argument that declares a deliberate repeat.
const allowRepeatAttr = "allow_repeat"

// allowRepeatAttribute is the schema of allow_repeat for a transaction of the given noun.
func allowRepeatAttribute(noun string) schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: fmt.Sprintf("Set to `true` to declare that this %s deliberately repeats one with the same arguments. "+
			"Without it the plan refuses a %s that the same plan removes from the state under another name (write a `moved` block "+
			"instead) or that the registry recorded in the last %d days without this configuration (import it instead). "+
			"It only matters when the %s is created; changing it later changes nothing.", noun, noun, int(recentWindow.Hours()/24), noun),
		Optional: true,
	}
}

// allowsRepeat reports whether the configuration sets allow_repeat = true.
func allowsRepeat(ctx context.Context, config tfsdk.Config) bool {
	var v types.Bool
	config.GetAttribute(ctx, path.Root(allowRepeatAttr), &v)
	return v.ValueBool()
}

// plannedRecord is a create or a forget (destroy) of this plan, by its argument values.
type plannedRecord struct {
	TypeName string
	// ID is the forgotten record's ID ("" for a create).
	ID   string
	Args map[string]tftypes.Value
}

// argumentNames are the arguments of a schema: its Required or Optional attributes, allow_repeat
// aside (it says how to create, not what).
func argumentNames[A interface {
	IsRequired() bool
	IsOptional() bool
}](attrs map[string]A) map[string]bool {
	out := map[string]bool{}
	for name, a := range attrs {
		if (a.IsRequired() || a.IsOptional()) && name != allowRepeatAttr {
			out[name] = true
		}
	}
	return out
}

// argumentValues are the values of the named arguments of a plan or state object.
func argumentValues(names map[string]bool, obj tftypes.Value) map[string]tftypes.Value {
	var all map[string]tftypes.Value
	if err := obj.As(&all); err != nil {
		return nil
	}
	out := make(map[string]tftypes.Value, len(names))
	for name := range names {
		out[name] = all[name]
	}
	return out
}

// sameArguments reports whether a create's arguments describe the forgotten record: every
// argument the create knows equals the recorded one (an unknown value, such as a default still to
// be resolved, matches anything).
func sameArguments(create, forgotten map[string]tftypes.Value) bool {
	for name, v := range create {
		if !v.IsFullyKnown() {
			continue
		}
		if !v.Equal(forgotten[name]) {
			return false
		}
	}
	return true
}

// renameOf records r in the ledger and returns the record of the other kind (create vs forget)
// with the same arguments, if any.
func (l *planLedger) renameOf(r plannedRecord) *plannedRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range l.planned {
		o := l.planned[i]
		if o.TypeName != r.TypeName || (o.ID == "") == (r.ID == "") {
			continue
		}
		create, forgotten := r, o
		if r.ID != "" {
			create, forgotten = o, r
		}
		if sameArguments(create.Args, forgotten.Args) {
			return &o
		}
	}
	l.planned = append(l.planned, r)
	return nil
}

// addRenameError explains that a create equals a transaction the same plan forgets.
func (s *transactionSpec) addRenameError(diags *diag.Diagnostics, id string) {
	diags.AddError(fmt.Sprintf("This plan would carry out %s %s a second time", s.Noun, id),
		fmt.Sprintf("The plan removes %s %s from the state and creates another %s with the same arguments: a renamed or "+
			"rewritten resource block. Applying would %s again, and the registry keeps %s either way.\n\n"+
			"If you renamed the block, tell Terraform instead (nothing is sent to the registry):\n"+
			"  moved {\n    from = %s.OLD_NAME\n    to   = %s.NEW_NAME\n  }\n\n"+
			"If you really mean a second, identical %s, set %s = true on the new resource.",
			s.Noun, id, s.TypeName, s.createVerb(), id, s.TypeName, s.TypeName, s.Noun, allowRepeatAttr))
}

// createVerb says what creating one more record does, for messages.
func (s *transactionSpec) createVerb() string {
	if s.Verb == "" {
		return "create the " + s.Noun
	}
	return s.Verb + " the credits"
}

// checkRename records a create (after its defaults are resolved in resp.Plan) or a forget, and
// refuses the pair when a create has the arguments of a forgotten record. A create with
// allow_repeat = true is not compared.
func (s *transactionSpec) checkRename(ctx context.Context, pd *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if pd == nil || pd.View == nil {
		return
	}
	r := plannedRecord{TypeName: s.TypeName}
	names := argumentNames(req.Config.Schema.GetAttributes())
	switch {
	case req.Plan.Raw.IsNull() && !req.State.Raw.IsNull():
		r.ID, r.Args = stateID(ctx, req.State), argumentValues(names, req.State.Raw)
	case req.State.Raw.IsNull() && !req.Plan.Raw.IsNull():
		if allowsRepeat(ctx, req.Config) {
			return
		}
		r.Args = argumentValues(names, resp.Plan.Raw)
	default:
		return
	}
	if o := pd.View.ledger.renameOf(r); o != nil {
		id := r.ID
		if id == "" {
			id = o.ID
		}
		s.addRenameError(&resp.Diagnostics, id)
	}
}

// repeatMatch describes a recent registry record that does what a create would do.
type repeatMatch struct {
	ID, At string
}

// addRepeatError refuses a create that repeats a recent record.
func (s *transactionSpec) addRepeatError(diags *diag.Diagnostics, m repeatMatch, same string) {
	diags.AddError(fmt.Sprintf("%s %s already does this", capitalize(s.Noun), m.ID),
		fmt.Sprintf("The registry recorded %s %s at %s with %s as this one, and this run did not make it. It may be the one "+
			"this configuration meant to make (an earlier apply whose answer was lost, or an operation made outside Terraform). "+
			"Applying would %s again.\n\n"+
			"If it is this one, import it instead of creating it again (nothing is sent to the registry):\n"+
			"  import {\n    to = %s.NAME\n    id = %q\n  }\n\n"+
			"If you really mean a second, identical %s, set %s = true on this resource. (A new %s is compared with the "+
			"registry's %ss of the last %d days.)",
			s.Noun, m.ID, m.At, same, s.createVerb(), s.TypeName, m.ID, s.Noun, allowRepeatAttr, s.Noun, s.Noun,
			int(recentWindow.Hours()/24)))
}

// repeatedBatches reports whether a record's batches are the requested ones: as many, and each
// recorded batch is a requested batch or the part of it (or of its remaining part) that took part,
// with the same kg (recordedBatchMatches).
func repeatedBatches(ctx context.Context, v *registryView, requested []client.CreditBatchQuantity, recorded []client.CreditBatch) (bool, error) {
	if len(requested) != len(recorded) {
		return false, nil
	}
	used := make([]bool, len(requested))
	for _, b := range recorded {
		found := false
		for i, rq := range requested {
			if used[i] {
				continue
			}
			ok, err := recordedBatchMatches(ctx, v, rq, client.CreditBatchQuantity{CreditBatchID: b.ID, CreditQuantityKg: b.Size.CreditKgs})
			if err != nil {
				return false, err
			}
			if ok {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false, nil
		}
	}
	return true, nil
}

// sameNotes compares a record's notes with the requested ones (absent and empty are the same).
func sameNotes(recorded, requested *string) bool {
	return strings.TrimSpace(deref(recorded)) == strings.TrimSpace(deref(requested))
}

// ago renders how long ago a timestamp was, for messages.
func ago(v *registryView, at string) string {
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return at
	}
	return fmt.Sprintf("%s (%s ago)", at, v.now().Sub(t).Round(time.Minute))
}

// findRepeat returns the first record of recent, not made by this walk, that keep accepts and
// whose credit batches (read once, through the view) same accepts; nil when there is none.
// kind is the API collection ("retirements"), list its credit batch endpoint.
func findRepeat[T any](ctx context.Context, v *registryView, recent []T, idAt func(T) (string, string), kind string,
	list func(context.Context, string) (*client.List[client.CreditBatch], error),
	keep func(T) bool, same func([]client.CreditBatch) (bool, error)) (*repeatMatch, error) {
	for _, rec := range recent {
		id, at := idAt(rec)
		if v.createdHere(id) || !keep(rec) {
			continue
		}
		batches, err := v.recordBatches(ctx, kind, id, list)
		if err != nil {
			return nil, fmt.Errorf("reading the credit batches of %s: %w", id, err)
		}
		ok, err := same(batches)
		if err != nil {
			return nil, fmt.Errorf("comparing the credit batches of %s: %w", id, err)
		}
		if ok {
			return &repeatMatch{ID: id, At: ago(v, at)}, nil
		}
	}
	return nil, nil
}

// checkBatchRepeat is the repeat check of a transfer or delivery (never_twice.go): recent are the
// records between the same parties (read through the view, listErr its error), each described by
// describe (ID, time, total kg, notes); one that is not this walk's, with the request's total and
// notes and its batches (read with list), is refused. same says what matched, for the message.
func checkBatchRepeat[T any](ctx context.Context, spec *transactionSpec, pd *providerData, recent []T, listErr error,
	describe func(T) (id, at string, kg int64, notes *string), kind string,
	list func(context.Context, string) (*client.List[client.CreditBatch], error),
	requested []client.CreditBatchQuantity, notes *string, same string, diags *diag.Diagnostics) {
	if listErr != nil {
		pd.addClientError(diags, fmt.Sprintf("Cannot compare the %s with the recent ones (GET /%s)", spec.Noun, kind), listErr)
		return
	}
	match, err := findRepeat(ctx, pd.View, recent,
		func(x T) (string, string) { id, at, _, _ := describe(x); return id, at }, kind, list,
		func(x T) bool { _, _, kg, n := describe(x); return kg == requestedKg(requested) && sameNotes(n, notes) },
		func(batches []client.CreditBatch) (bool, error) {
			return repeatedBatches(ctx, pd.View, requested, batches)
		})
	switch {
	case err != nil:
		pd.addClientError(diags, fmt.Sprintf("Cannot compare the %s with the recent ones", spec.Noun), err)
	case match != nil:
		spec.addRepeatError(diags, *match, same)
	}
}
