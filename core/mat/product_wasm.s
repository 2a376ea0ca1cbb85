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

	Get R5
	I64Const $3
	I64Shl
	Set R5
	Get R6
	I64Const $3
	I64Shl
	Set R6
	Get R8
	I64Const $3
	I64Shl
	Set R8
	Get R9
	I64Const $3
	I64Shl
	Set R9

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

			I64Const $0
			F64ReinterpretI64
			Set F16
			I64Const $0
			F64ReinterpretI64
			Set F17
			I64Const $0
			F64ReinterpretI64
			Set F18
			I64Const $0
			F64ReinterpretI64
			Set F19
			Get R4
			Set R12
			Get R11
			Set R13
			Get R3
			Set R14

			Loop // k
				Get R12
				I32WrapI64
				F64Load $0
				Set F20

				Get F16
				Get F20
				Get R13
				I32WrapI64
				F64Load $0
				F64Mul
				F64Add
				Set F16

				Get F17
				Get F20
				Get R13
				Get R9
				I64Add
				Tee R15
				I32WrapI64
				F64Load $0
				F64Mul
				F64Add
				Set F17

				Get F18
				Get F20
				Get R15
				Get R9
				I64Add
				Tee R15
				I32WrapI64
				F64Load $0
				F64Mul
				F64Add
				Set F18

				Get F19
				Get F20
				Get R15
				Get R9
				I64Add
				I32WrapI64
				F64Load $0
				F64Mul
				F64Add
				Set F19

				Get R12
				Get R6
				I64Add
				Set R12
				Get R13
				Get R8
				I64Add
				Set R13
				Get R14
				I64Const $1
				I64Sub
				Tee R14
				I64Eqz
				I32Eqz
				BrIf $0
			End

			Get R0
			I32WrapI64
			Get F16
			F64Store $0
			Get R0
			I32WrapI64
			Get F17
			F64Store $8
			Get R0
			I32WrapI64
			Get F18
			F64Store $16
			Get R0
			I32WrapI64
			Get F19
			F64Store $24

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

			I64Const $0
			F64ReinterpretI64
			Set F16
			Get R4
			Set R12
			Get R11
			Set R13
			Get R3
			Set R14

			Loop // k
				Get F16
				Get R12
				I32WrapI64
				F64Load $0
				Get R13
				I32WrapI64
				F64Load $0
				F64Mul
				F64Add
				Set F16

				Get R12
				Get R6
				I64Add
				Set R12
				Get R13
				Get R8
				I64Add
				Set R13
				Get R14
				I64Const $1
				I64Sub
				Tee R14
				I64Eqz
				I32Eqz
				BrIf $0
			End

			Get R0
			I32WrapI64
			Get F16
			F64Store $0

			Get R0
			I64Const $8
			I64Add
			Set R0
			Get R11
			Get R9
			I64Add
			Set R11
			Get R10
			I64Const $1
			I64Sub
			Set R10
			Br $0
		End
		End

		Get R4
		Get R5
		I64Add
		Set R4
		Get R1
		I64Const $1
		I64Sub
		Tee R1
		I64Eqz
		I32Eqz
		BrIf $0
	End
	RET
