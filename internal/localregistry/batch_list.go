package localregistry

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// batchList is a list of credit batches in the oldest-first order (issued_at, serial prefix, serial
// range start, ID; README.md, "Lists and their order"), kept in blocks of at most 2*blockSize
// batches. Each block, and the list, count their batches and kg per status, so that the number of
// batches with some statuses before a batch, the k-th such batch and the kg they hold cost
// O(blocks + blockSize) instead of a walk of the whole list, and inserting or removing a batch
// O(log blocks + blockSize).
type batchList struct {
	blocks []*batchBlock
	tally
}

type batchBlock struct {
	items []*SeedCreditBatch
	tally
}

// blockSize is the target length of a block: a block that grows past twice its size is halved.
// A variable so that a test can make lists of many blocks out of few batches.
var blockSize = 256

// tally counts batches and their kg per status.
type tally struct {
	n  [numStatuses]int
	kg [numStatuses]int64
}

// The statuses a tally counts, as indexes, and sets of them as bit masks.
const (
	stActive = iota
	stRetired
	stSplit
	numStatuses
)

// statusMask is a set of statuses: bit stActive, stRetired, stSplit.
type statusMask uint8

const (
	maskActive  statusMask = 1 << stActive
	maskRetired statusMask = 1 << stRetired
	maskAll     statusMask = 1<<numStatuses - 1
)

func statusIndex(s client.CreditBatchStatus) int {
	switch s {
	case client.CreditBatchStatusRetired:
		return stRetired
	case client.CreditBatchStatusSplit:
		return stSplit
	default:
		return stActive
	}
}

func (m statusMask) has(b *SeedCreditBatch) bool { return m&(1<<statusIndex(b.Status)) != 0 }

func (t *tally) add(b *SeedCreditBatch, sign int) {
	s := statusIndex(b.Status)
	t.n[s] += sign
	t.kg[s] += int64(sign) * b.SizeKg
}

// count is the number of batches with a status in m.
func (t *tally) count(m statusMask) int {
	n := 0
	for s := range numStatuses {
		if m&(1<<s) != 0 {
			n += t.n[s]
		}
	}
	return n
}

// batchKey is where a batch stands in the oldest-first order; computed once per batch, as none of
// its parts changes.
type batchKey struct {
	issuedAt     int64 // issued_at of the issuance, Unix nanoseconds
	serialPrefix string
	serialStart  int64
	id           string
}

func compareKeys(a, b *batchKey) int {
	if c := cmp.Compare(a.issuedAt, b.issuedAt); c != 0 {
		return c
	}
	if c := strings.Compare(a.serialPrefix, b.serialPrefix); c != 0 {
		return c
	}
	if c := cmp.Compare(a.serialStart, b.serialStart); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// key is the order key of a batch, computed on first use and kept in the batch. Caller holds r.mu
// for writing, or the batch is indexed (indexBatch computed its key).
func (r *Registry) key(b *SeedCreditBatch) *batchKey {
	if b.key == nil {
		prefix, start, _, _ := parseSerial(b.SerialNumber)
		b.key = &batchKey{issuedAt: r.batchIssuedAt(b).UnixNano(), serialPrefix: prefix, serialStart: start, id: b.ID}
	}
	return b.key
}

// listPos is a position in a batchList: block and offset in it. {len(blocks), 0} is the end.
type listPos struct{ block, off int }

func (p listPos) before(q listPos) bool {
	return p.block < q.block || (p.block == q.block && p.off < q.off)
}

// search is the position of the first batch whose key is not before k (the end if none).
func (l *batchList) search(k *batchKey, key func(*SeedCreditBatch) *batchKey) listPos {
	return l.searchFunc(func(b *SeedCreditBatch) bool { return compareKeys(key(b), k) >= 0 })
}

// searchFunc is the position of the first batch for which atOrAfter is true, atOrAfter being
// false and then true along the list.
func (l *batchList) searchFunc(atOrAfter func(*SeedCreditBatch) bool) listPos {
	bi := sort.Search(len(l.blocks), func(i int) bool { return atOrAfter(l.blocks[i].items[len(l.blocks[i].items)-1]) })
	if bi == len(l.blocks) {
		return listPos{bi, 0}
	}
	items := l.blocks[bi].items
	return listPos{bi, sort.Search(len(items), func(i int) bool { return atOrAfter(items[i]) })}
}

// insert adds b at its place in the order.
func (l *batchList) insert(b *SeedCreditBatch, key func(*SeedCreditBatch) *batchKey) {
	l.add(b, 1)
	if len(l.blocks) == 0 {
		blk := &batchBlock{items: []*SeedCreditBatch{b}}
		blk.add(b, 1)
		l.blocks = []*batchBlock{blk}
		return
	}
	p := l.search(key(b), key)
	if p.block == len(l.blocks) { // after every batch: at the end of the last block
		p = listPos{p.block - 1, len(l.blocks[p.block-1].items)}
	}
	blk := l.blocks[p.block]
	blk.items = slices.Insert(blk.items, p.off, b)
	blk.add(b, 1)
	if len(blk.items) > 2*blockSize {
		l.halve(p.block)
	}
}

// halve splits block i in two.
func (l *batchList) halve(i int) {
	old := l.blocks[i]
	mid := len(old.items) / 2
	a := &batchBlock{items: slices.Clone(old.items[:mid])}
	b := &batchBlock{items: slices.Clone(old.items[mid:])}
	for _, x := range a.items {
		a.add(x, 1)
	}
	for _, x := range b.items {
		b.add(x, 1)
	}
	l.blocks = slices.Replace(l.blocks, i, i+1, a, b)
}

// appendLast adds b after every batch of the list: b must come after them in the order.
func (l *batchList) appendLast(b *SeedCreditBatch) {
	l.add(b, 1)
	if len(l.blocks) == 0 || len(l.blocks[len(l.blocks)-1].items) >= blockSize {
		l.blocks = append(l.blocks, &batchBlock{})
	}
	blk := l.blocks[len(l.blocks)-1]
	blk.items = append(blk.items, b)
	blk.add(b, 1)
}

// remove takes b out of the list; its status must be the one it had when it was inserted.
func (l *batchList) remove(b *SeedCreditBatch, key func(*SeedCreditBatch) *batchKey) {
	p := l.search(key(b), key)
	if p.block == len(l.blocks) || l.blocks[p.block].items[p.off] != b {
		panic("localregistry: removing credit batch " + b.ID + " from a list that does not hold it")
	}
	l.add(b, -1)
	blk := l.blocks[p.block]
	blk.items = slices.Delete(blk.items, p.off, p.off+1)
	blk.add(b, -1)
	if len(blk.items) == 0 {
		l.blocks = slices.Delete(l.blocks, p.block, p.block+1)
	}
}

// countBefore is the number of batches with a status in m before position p.
func (l *batchList) countBefore(p listPos, m statusMask) int {
	n := 0
	for _, blk := range l.blocks[:p.block] {
		n += blk.count(m)
	}
	if p.block < len(l.blocks) {
		for _, b := range l.blocks[p.block].items[:p.off] {
			if m.has(b) {
				n++
			}
		}
	}
	return n
}

// each calls fn on the batches with a status in m from position from on, in order, skipping the
// first skip of them, until fn returns false or the position to is reached.
func (l *batchList) each(from, to listPos, m statusMask, skip int, fn func(*SeedCreditBatch) bool) {
	for bi := from.block; bi < len(l.blocks) && bi <= to.block; bi++ {
		blk := l.blocks[bi]
		start, end := 0, len(blk.items)
		if bi == from.block {
			start = from.off
		}
		if bi == to.block {
			end = to.off
		}
		if start == 0 && end == len(blk.items) && skip >= blk.count(m) {
			skip -= blk.count(m)
			continue
		}
		for _, b := range blk.items[start:end] {
			if !m.has(b) {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			if !fn(b) {
				return
			}
		}
	}
}

// end is the position after the last batch.
func (l *batchList) end() listPos { return listPos{len(l.blocks), 0} }
