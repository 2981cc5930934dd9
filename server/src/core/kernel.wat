;; The scans over a whole document, compiled: one-shot checks (gongwen-lint) run them here instead of in
;; JavaScript. A JavaScript loop over a million characters runs mostly before V8 has optimised it; WebAssembly
;; is compiled before its first call. Each function does exactly what its JavaScript twin does (rules/repeat.ts
;; `sweep` and `PhraseDict.count`, cliche/automaton.ts `AhoCorasick.collect`); test/unit/kernel.test.ts
;; compares the two on real and random text.
;;
;; Source of server/src/core/kernel-wasm.ts: `npm run wasm` assembles this file (wabt) and writes the bytes
;; there. Memory is laid out by the callers (Layout, server/src/core/kernel.ts); all addresses are byte offsets,
;; text is UTF-16 code units (u16), tables are i32.
(module
  (memory (export "memory") 1)

  ;; How many pairs the last sweep found.
  (global $pairCount (export "pairCount") (mut i32) (i32.const 0))

  ;; sweep: one pass over codes[0, end): turns what is not Han to 0, writes to $doubles each offset where a
  ;; doubled word may start (its character comes again within 4) and returns how many; with $withPairs,
  ;; writes to $pairs each (first, second, length) of two equal phrases of 4+ Han characters whose starts lie
  ;; at most $window apart (the 4-grams of the window chained per slot of $heads through the ring $ring) and
  ;; sets $pairCount. codes must hold 4 more code units after end (0). $ring is zeroed and $heads set to -1
  ;; by the caller; $mask is the ring's size - 1, $shift 32 - log2 of the number of heads.
  (func (export "sweep")
    (param $codes i32) (param $end i32) (param $window i32) (param $withPairs i32)
    (param $ring i32) (param $mask i32) (param $heads i32) (param $shift i32)
    (param $doubles i32) (param $pairs i32)
    (result i32)
    (local $i i32) (local $a i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $run i32) (local $nd i32) (local $np i32) (local $off i32) (local $b i32) (local $head i32)
    (local $p i32) (local $len i32) (local $covered i32)
    (local.set $covered (i32.const -1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $a (i32.add (local.get $codes) (i32.shl (local.get $i) (i32.const 1))))
        (local.set $c3 (i32.load16_u (local.get $a)))
        ;; Not Han (rules/repeat.ts isHan): 0, and the run of Han characters ends.
        (if (if (result i32) (i32.lt_u (local.get $c3) (i32.const 0x4e00))
              (then
                (if (result i32) (i32.lt_u (local.get $c3) (i32.const 0x3400))
                  (then (i32.ne (local.get $c3) (i32.const 0x3007)))
                  (else (i32.gt_u (local.get $c3) (i32.const 0x4dbf)))))
              (else
                (i32.and
                  (i32.gt_u (local.get $c3) (i32.const 0x9fff))
                  (i32.or (i32.lt_u (local.get $c3) (i32.const 0xf900)) (i32.gt_u (local.get $c3) (i32.const 0xfaff))))))
          (then
            (if (local.get $c3) (then (i32.store16 (local.get $a) (i32.const 0))))
            (local.set $run (i32.const 0))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        ;; A doubled word may start here.
        (if (i32.or
              (i32.or (i32.eq (local.get $c3) (i32.load16_u offset=2 (local.get $a)))
                      (i32.eq (local.get $c3) (i32.load16_u offset=4 (local.get $a))))
              (i32.or (i32.eq (local.get $c3) (i32.load16_u offset=6 (local.get $a)))
                      (i32.eq (local.get $c3) (i32.load16_u offset=8 (local.get $a)))))
          (then
            (i32.store (i32.add (local.get $doubles) (i32.shl (local.get $nd) (i32.const 2))) (local.get $i))
            (local.set $nd (i32.add (local.get $nd) (i32.const 1)))))
        (local.set $run (i32.add (local.get $run) (i32.const 1)))
        (if (i32.or (i32.lt_s (local.get $run) (i32.const 4)) (i32.eqz (local.get $withPairs)))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        ;; The 4-gram starting at off = i - 3, and its slot.
        (local.set $off (i32.sub (local.get $i) (i32.const 3)))
        (local.set $b (i32.sub (local.get $a) (i32.const 6)))
        (local.set $c0 (i32.load16_u (local.get $b)))
        (local.set $c1 (i32.load16_u offset=2 (local.get $b)))
        (local.set $c2 (i32.load16_u offset=4 (local.get $b)))
        (local.set $head
          (i32.add (local.get $heads)
            (i32.shl
              (i32.shr_u
                (i32.mul
                  (i32.xor
                    (i32.mul (i32.or (i32.shl (local.get $c0) (i32.const 16)) (local.get $c1)) (i32.const 0x85ebca6b))
                    (i32.or (i32.shl (local.get $c2) (i32.const 16)) (local.get $c3)))
                  (i32.const 0x9e3779b1))
                (local.get $shift))
              (i32.const 2))))
        ;; The same 4-gram earlier in the window, not overlapping this one: extend to the longest common phrase.
        (if (i32.ge_s (local.get $off) (local.get $covered))
          (then
            (local.set $p (i32.load (local.get $head)))
            (block $found
              (loop $chain
                (br_if $found (i32.lt_s (local.get $p) (i32.const 0)))
                (br_if $found (i32.gt_s (i32.sub (local.get $off) (local.get $p)) (local.get $window)))
                (local.set $b (i32.add (local.get $codes) (i32.shl (local.get $p) (i32.const 1))))
                (if (i32.and
                      (i32.le_s (i32.add (local.get $p) (i32.const 4)) (local.get $off))
                      (i32.and
                        (i32.and (i32.eq (i32.load16_u (local.get $b)) (local.get $c0))
                                 (i32.eq (i32.load16_u offset=2 (local.get $b)) (local.get $c1)))
                        (i32.and (i32.eq (i32.load16_u offset=4 (local.get $b)) (local.get $c2))
                                 (i32.eq (i32.load16_u offset=6 (local.get $b)) (local.get $c3)))))
                  (then
                    (local.set $len (i32.const 4))
                    (block $stop
                      (loop $extend
                        (br_if $stop (i32.ge_s (i32.add (local.get $p) (local.get $len)) (local.get $off)))
                        (br_if $stop (i32.ge_s (i32.add (local.get $off) (local.get $len)) (local.get $end)))
                        (local.set $c2
                          (i32.load16_u (i32.add (local.get $codes) (i32.shl (i32.add (local.get $off) (local.get $len)) (i32.const 1)))))
                        (br_if $stop (i32.eqz (local.get $c2)))
                        (br_if $stop
                          (i32.ne (local.get $c2)
                            (i32.load16_u (i32.add (local.get $codes) (i32.shl (i32.add (local.get $p) (local.get $len)) (i32.const 1))))))
                        (local.set $len (i32.add (local.get $len) (i32.const 1)))
                        (br $extend)))
                    (local.set $b (i32.add (local.get $pairs) (i32.mul (local.get $np) (i32.const 12))))
                    (i32.store (local.get $b) (local.get $p))
                    (i32.store offset=4 (local.get $b) (local.get $off))
                    (i32.store offset=8 (local.get $b) (local.get $len))
                    (local.set $np (i32.add (local.get $np) (i32.const 1)))
                    (local.set $covered (i32.add (local.get $off) (local.get $len)))
                    (br $found)))
                (local.set $p
                  (i32.load (i32.add (local.get $ring) (i32.shl (i32.and (local.get $p) (local.get $mask)) (i32.const 2)))))
                (br $chain)))))
        ;; This 4-gram becomes its slot's latest.
        (i32.store
          (i32.add (local.get $ring) (i32.shl (i32.and (local.get $off) (local.get $mask)) (i32.const 2)))
          (i32.load (local.get $head)))
        (i32.store (local.get $head) (local.get $off))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (global.set $pairCount (local.get $np))
    (local.get $nd))

  ;; count: every occurrence of every phrase of a dictionary in codes[from, to) (swept: 0 where not Han),
  ;; overlapping ones included: count[id] += 1 and quarters[id] |= the bit of the quarter the occurrence
  ;; starts in (1, 2, 4, 8: before $e1, $e2, $e3, after). The dictionary: $bigrams, one byte per bigram slot
  ;; (1 where some phrase starts with it); an open-addressing table of first-4-gram keys ($keys) and the first
  ;; phrase with that key ($heads, -1 for an empty slot), $mask its size - 1 and $shift 32 - log2 of it; per
  ;; phrase, the next with the same key ($nextSame, -1 at the end), its first and next two characters packed
  ;; ($head2, $next2), and its text: $lengths[id] code units at $texts + 2 * $starts[id].
  (func (export "count")
    (param $codes i32) (param $from i32) (param $to i32) (param $e1 i32) (param $e2 i32) (param $e3 i32)
    (param $bigrams i32) (param $keys i32) (param $heads i32) (param $mask i32) (param $shift i32)
    (param $nextSame i32) (param $head2 i32) (param $next2 i32)
    (param $starts i32) (param $lengths i32) (param $texts i32)
    (param $count i32) (param $quarters i32)
    (local $i i32) (local $c3 i32) (local $run i32) (local $off i32) (local $b i32) (local $h2 i32) (local $n2 i32)
    (local $key i32) (local $s i32) (local $id i32) (local $bit i32) (local $n i32) (local $m i32) (local $t i32)
    (local.set $i (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $to)))
        (local.set $c3 (i32.load16_u (i32.add (local.get $codes) (i32.shl (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.eqz (local.get $c3))
          (then
            (local.set $run (i32.const 0))
            (br $next)))
        (local.set $run (i32.add (local.get $run) (i32.const 1)))
        (br_if $next (i32.lt_s (local.get $run) (i32.const 4)))
        ;; The 4-gram starting at off = (i - 1) - 3.
        (local.set $off (i32.sub (local.get $i) (i32.const 4)))
        (local.set $b (i32.add (local.get $codes) (i32.shl (local.get $off) (i32.const 1))))
        (local.set $h2 (i32.or (i32.shl (i32.load16_u (local.get $b)) (i32.const 16)) (i32.load16_u offset=2 (local.get $b))))
        (br_if $next
          (i32.eqz (i32.load8_u (i32.add (local.get $bigrams)
            (i32.shr_u (i32.mul (local.get $h2) (i32.const 0x9e3779b1)) (i32.const 16))))))
        (local.set $n2 (i32.or (i32.shl (i32.load16_u offset=4 (local.get $b)) (i32.const 16)) (local.get $c3)))
        (local.set $key (i32.xor (i32.mul (local.get $h2) (i32.const 0x85ebca6b)) (local.get $n2)))
        (local.set $s (i32.shr_u (i32.mul (local.get $key) (i32.const 0x9e3779b1)) (local.get $shift)))
        (local.set $id (i32.load (i32.add (local.get $heads) (i32.shl (local.get $s) (i32.const 2)))))
        (block $slot
          (loop $probe
            (br_if $slot (i32.lt_s (local.get $id) (i32.const 0)))
            (br_if $slot (i32.eq (i32.load (i32.add (local.get $keys) (i32.shl (local.get $s) (i32.const 2)))) (local.get $key)))
            (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (local.get $mask)))
            (local.set $id (i32.load (i32.add (local.get $heads) (i32.shl (local.get $s) (i32.const 2)))))
            (br $probe)))
        (br_if $next (i32.lt_s (local.get $id) (i32.const 0)))
        (local.set $bit
          (if (result i32) (i32.ge_s (local.get $off) (local.get $e3)) (then (i32.const 8))
            (else (if (result i32) (i32.ge_s (local.get $off) (local.get $e2)) (then (i32.const 4))
              (else (if (result i32) (i32.ge_s (local.get $off) (local.get $e1)) (then (i32.const 2)) (else (i32.const 1))))))))
        (block $phrases
          (loop $phrase
            (br_if $phrases (i32.lt_s (local.get $id) (i32.const 0)))
            (block $skip
              (br_if $skip (i32.ne (i32.load (i32.add (local.get $head2) (i32.shl (local.get $id) (i32.const 2)))) (local.get $h2)))
              (br_if $skip (i32.ne (i32.load (i32.add (local.get $next2) (i32.shl (local.get $id) (i32.const 2)))) (local.get $n2)))
              (local.set $n (i32.load (i32.add (local.get $lengths) (i32.shl (local.get $id) (i32.const 2)))))
              (br_if $skip (i32.gt_s (i32.add (local.get $off) (local.get $n)) (local.get $to)))
              (local.set $t
                (i32.add (local.get $texts) (i32.shl (i32.load (i32.add (local.get $starts) (i32.shl (local.get $id) (i32.const 2)))) (i32.const 1))))
              (local.set $m (i32.const 4))
              (block $differs
                (loop $compare
                  (br_if $differs (i32.ge_s (local.get $m) (local.get $n)))
                  (br_if $differs
                    (i32.ne
                      (i32.load16_u (i32.add (local.get $b) (i32.shl (local.get $m) (i32.const 1))))
                      (i32.load16_u (i32.add (local.get $t) (i32.shl (local.get $m) (i32.const 1))))))
                  (local.set $m (i32.add (local.get $m) (i32.const 1)))
                  (br $compare)))
              (br_if $skip (i32.lt_s (local.get $m) (local.get $n)))
              (i32.store (i32.add (local.get $count) (i32.shl (local.get $id) (i32.const 2)))
                (i32.add (i32.load (i32.add (local.get $count) (i32.shl (local.get $id) (i32.const 2)))) (i32.const 1)))
              (i32.store8 (i32.add (local.get $quarters) (local.get $id))
                (i32.or (i32.load8_u (i32.add (local.get $quarters) (local.get $id))) (local.get $bit))))
            (local.set $id (i32.load (i32.add (local.get $nextSame) (i32.shl (local.get $id) (i32.const 2)))))
            (br $phrase)))
        (br $next))))
  ;; scan: the cliché automaton (cliche/automaton.ts, AhoCorasick.collect) over text[0, $n): every occurrence of
  ;; every pattern as (start, end, pattern) triples at $hits, in order of their end; returns how many, or -1 when
  ;; more than $cap values (i32) would be written. The automaton's tables: $root (i32 per code unit: the state reached from
  ;; the root, 0 for a unit no pattern starts with, -1 for one no pattern has), the transitions of state s as
  ;; $edgeChar (u16) / $edgeTo (i32) from $edgeStart[s] to $edgeStart[s + 1], sorted by character; $fail, $out,
  ;; $firstOut and $dict per state (i32) and $lengths per pattern (i32).
  (func (export "scan")
    (param $text i32) (param $n i32) (param $root i32) (param $edgeStart i32) (param $edgeChar i32) (param $edgeTo i32)
    (param $fail i32) (param $firstOut i32) (param $dict i32) (param $out i32) (param $lengths i32)
    (param $hits i32) (param $cap i32)
    (result i32)
    (local $i i32) (local $c i32) (local $r i32) (local $s i32) (local $t i32) (local $e i32) (local $end i32)
    (local $x i32) (local $o i32) (local $p i32) (local $k i32) (local $at i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $c (i32.load16_u (i32.add (local.get $text) (i32.shl (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $r (i32.load (i32.add (local.get $root) (i32.shl (local.get $c) (i32.const 2)))))
        ;; A code unit no pattern has, or none starts with at the root: back to the root.
        (if (i32.or (i32.eq (local.get $r) (i32.const -1)) (i32.and (i32.eqz (local.get $r)) (i32.eqz (local.get $s))))
          (then
            (local.set $s (i32.const 0))
            (br $next)))
        (if (i32.eqz (local.get $s))
          (then (local.set $s (local.get $r)))
          (else
            ;; The transition of s on c, or down the failure chain; at the root, where c leads from there.
            (block $moved
              (loop $chain
                (local.set $t (i32.const -1))
                (local.set $e (i32.load (i32.add (local.get $edgeStart) (i32.shl (local.get $s) (i32.const 2)))))
                (local.set $end (i32.load offset=4 (i32.add (local.get $edgeStart) (i32.shl (local.get $s) (i32.const 2)))))
                (block $searched
                  (loop $edge
                    (br_if $searched (i32.ge_s (local.get $e) (local.get $end)))
                    (local.set $x (i32.load16_u (i32.add (local.get $edgeChar) (i32.shl (local.get $e) (i32.const 1)))))
                    (if (i32.eq (local.get $x) (local.get $c))
                      (then
                        (local.set $t (i32.load (i32.add (local.get $edgeTo) (i32.shl (local.get $e) (i32.const 2)))))
                        (br $searched)))
                    (br_if $searched (i32.gt_u (local.get $x) (local.get $c)))
                    (local.set $e (i32.add (local.get $e) (i32.const 1)))
                    (br $edge)))
                (if (i32.ge_s (local.get $t) (i32.const 0))
                  (then
                    (local.set $s (local.get $t))
                    (br $moved)))
                (local.set $s (i32.load (i32.add (local.get $fail) (i32.shl (local.get $s) (i32.const 2)))))
                (if (i32.eqz (local.get $s))
                  (then
                    (local.set $s (local.get $r))
                    (br $moved)))
                (br $chain)))))
        ;; Every pattern ending here.
        (local.set $o (i32.load (i32.add (local.get $firstOut) (i32.shl (local.get $s) (i32.const 2)))))
        (block $reported
          (loop $report
            (br_if $reported (i32.lt_s (local.get $o) (i32.const 0)))
            (if (i32.gt_s (i32.add (local.get $k) (i32.const 3)) (local.get $cap)) (then (return (i32.const -1))))
            (local.set $p (i32.load (i32.add (local.get $out) (i32.shl (local.get $o) (i32.const 2)))))
            (local.set $at (i32.add (local.get $hits) (i32.shl (local.get $k) (i32.const 2))))
            (i32.store (local.get $at)
              (i32.sub (local.get $i) (i32.load (i32.add (local.get $lengths) (i32.shl (local.get $p) (i32.const 2))))))
            (i32.store offset=4 (local.get $at) (local.get $i))
            (i32.store offset=8 (local.get $at) (local.get $p))
            (local.set $k (i32.add (local.get $k) (i32.const 3)))
            (local.set $o (i32.load (i32.add (local.get $dict) (i32.shl (local.get $o) (i32.const 2)))))
            (br $report)))
        (br $next)))
    (i32.div_u (local.get $k) (i32.const 3)))
)
