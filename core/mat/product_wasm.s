#include "textflag.h"

// func gemmKernel(d *float64, m, n, kn int, a *float64, ais, aks int, b *float64, bks, bjs int)
//
// For each row i, the columns j go four at a time: four sums s0…s3 in
// F16…F19 share each a(i,k) (F20), so the loop over k is latency-bound on
// four independent chains instead of one. Each sum runs over k in
// ascending order from +0, products rounded before the add (wasm has no
// FMA): the contract of product.go. The remaining n mod 4 columns go one
// at a time.
//
// Registers (i64 locals): R0 &d[i][j], R1 rows left, R2 n, R3 kn,
// R4 &a(i,0), R5 ais·8, R6 aks·8, R7 b, R8 bks·8, R9 bjs·8, R10 columns
// left, R11 &b(0,j), R12 &a(i,k), R13 &b(k,j), R14 k left, R15 scratch.

// TIMES8 turns the element stride in r into a byte stride.
#define TIMES8(r) Get r; I64Const $3; I64Shl; Set r
// ADDTO sets r += s.
#define ADDTO(r, s) Get r; Get s; I64Add; Set r
// ZERO sets f to +0.
#define ZERO(f) I64Const $0; F64ReinterpretI64; Set f
// AT sets f to the float64 at the address in r.
#define AT(f, r) Get r; I32WrapI64; F64Load $0; Set f
// MAC sets f = f + F20·(the float64 at the address in r).
#define MAC(f, r) Get f; Get F20; Get r; I32WrapI64; F64Load $0; F64Mul; F64Add; Set f
// STORE writes f at R0 + off.
#define STORE(f, off) Get R0; I32WrapI64; Get f; F64Store $off
// START_K points R12 at a(i,0) and R13 at b(0,j), with kn turns to go.
#define START_K Get R4; Set R12; Get R11; Set R13; Get R3; Set R14
// NEXT_K steps k, and loops while turns are left.
#define NEXT_K ADDTO(R12, R6); ADDTO(R13, R8); Get R14; I64Const $1; I64Sub; Tee R14; I64Eqz; I32Eqz; BrIf $0

TEXT ·gemmKernel(SB), NOSPLIT, $0-80
	MOVD d+0(FP), R0
	MOVD m+8(FP), R1
	MOVD n+16(FP), R2
	MOVD kn+24(FP), R3
	MOVD a+32(FP), R4
	MOVD ais+40(FP), R5
	MOVD aks+48(FP), R6
	MOVD b+56(FP), R7
	MOVD bks+64(FP), R8
	MOVD bjs+72(FP), R9
	TIMES8(R5)
	TIMES8(R6)
	TIMES8(R8)
	TIMES8(R9)

	Loop // rows
		Get R2
		Set R10
		Get R7
		Set R11

		// Four columns at a time.
		Block
		Loop
			Get R10
			I64Const $4
			I64LtS
			BrIf $1

			ZERO(F16)
			ZERO(F17)
			ZERO(F18)
			ZERO(F19)
			START_K
			Loop // k
				AT(F20, R12)
				MAC(F16, R13)
				Get R13
				Set R15
				ADDTO(R15, R9)
				MAC(F17, R15)
				ADDTO(R15, R9)
				MAC(F18, R15)
				ADDTO(R15, R9)
				MAC(F19, R15)
				NEXT_K
			End
			STORE(F16, 0)
			STORE(F17, 8)
			STORE(F18, 16)
			STORE(F19, 24)

			Get R0
			I64Const $32
			I64Add
			Set R0
			Get R11
			Get R9
			I64Const $2
			I64Shl
			I64Add
			Set R11
			Get R10
			I64Const $4
			I64Sub
			Set R10
			Br $0
		End
		End

		// The last n mod 4 columns, one at a time.
		Block
		Loop
			Get R10
			I64Eqz
			BrIf $1

			ZERO(F16)
			START_K
			Loop // k
				AT(F20, R12)
				MAC(F16, R13)
				NEXT_K
			End
			STORE(F16, 0)

			Get R0
			I64Const $8
			I64Add
			Set R0
			ADDTO(R11, R9)
			Get R10
			I64Const $1
			I64Sub
			Set R10
			Br $0
		End
		End

		ADDTO(R4, R5)
		Get R1
		I64Const $1
		I64Sub
		Tee R1
		I64Eqz
		I32Eqz
		BrIf $0
	End
	RET
