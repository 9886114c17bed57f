/// \file Hx.g4
/// The grammar of hastec's Elixir subset (`.hx` files are valid Elixir).
///
/// The parser does not read the lexer's tokens directly. A token filter in
/// frontend/ASTBuilder.cpp sits between them and settles everything that
/// Elixir decides by whitespace or by looking far ahead, so that the parser
/// rules below stay close to LL(1):
///
///  * NL and ';' become EOL only where they end an expression: not inside
///    call parentheses, [ ] or { }, not after an operator or ',', not before
///    a line that starts with a binary operator such as `|>` or `.`, not
///    before `end`/`else`. Runs of EOL collapse into one.
///  * An identifier directly followed by '(' becomes CALL_IDENT (`f(x)` is a
///    call, `f (x)` is not a parenthesised call).
///  * An identifier followed on the same line by something that can only
///    start an argument (`def f(x)`, `import Bitwise`, `@p 6`) becomes
///    NP_IDENT: a call without parentheses. The first such call of a
///    statement owns a later `do` of that statement, as in Elixir (`if
///    foo(x) do` and `if foo x do` give the block to `if`): its identifier
///    becomes NPD_IDENT and the `do` DO_NP. Any other `do` belongs to the
///    call just before it (`foo(x) do`, `cond do`).
///  * '[' glued to the end of an expression becomes ACCESS_LBRACKET (`m[k]`).
///  * A keyword after '.' becomes IDENT (`Kernel.not(x)`).
///
/// Operator precedence follows Elixir 1.14's elixir_parser.yrl (including
/// `**`, which 1.14 parses); alternatives of `expr` are listed from the
/// tightest binding to the loosest.
grammar Hx;

tokens { EOL, CALL_IDENT, NP_IDENT, NPD_IDENT, DO_NP, ACCESS_LBRACKET }

// ===========================================================================
// Parser
// ===========================================================================

file : stmts? EOF ;

stmts : expr (EOL expr)* ;

expr
  : op=AT expr                                                 # prefixOp
  | expr DOT callTail                                          # remote
  | expr DOT LPAREN args? RPAREN                               # anonCall
  | expr ACCESS_LBRACKET expr RBRACKET                         # access
  | op=(PLUS | MINUS | BANG | CARET | NOT | TILDE3) expr       # prefixOp
  | expr op=POW expr                                           # binary
  | expr op=(STAR | SLASH) expr                                # binary
  | expr op=(PLUS | MINUS) expr                                # binary
  | <assoc=right> expr op=(PLUSPLUS | MINUSMINUS | PLUS3 | MINUS3 | CONCAT | RANGE) expr # binary
  | <assoc=right> expr op=SLASHSLASH expr                      # binary
  | expr op=XOR3 expr                                          # binary
  | expr not_=NOT? op=IN expr                                  # binary
  | expr op=(PIPE | LSHIFT3 | RSHIFT3 | LSHIFTTILDE | RSHIFTTILDE | LTILDE | TILDEGT | LTILDEGT) expr # binary
  | expr op=(LT | GT | LE | GE) expr                           # binary
  | expr op=(EQ | NE | SEQ | SNE | MATCHOP) expr               # binary
  | expr op=(ANDAND | AND3 | AND) expr                         # binary
  | expr op=(OROR | OR3 | OR) expr                             # binary
  | <assoc=right> expr op=ASSIGN expr                          # binary
  | op=AMP expr                                                # prefixOp
  | <assoc=right> expr op=FATARROW expr                        # binary
  | <assoc=right> expr op=BAR expr                             # binary
  | <assoc=right> expr op=TYPEOP expr                          # binary
  | <assoc=right> expr op=WHEN expr                            # binary
  | expr WHEN kwPairs                                          # whenKw
  | expr op=(LARROW | BACKSLASH2) expr                         # binary
  | primary                                                    # prim
  ;

/// A call by name, local or after a dot. A bare IDENT without a do-block is
/// a variable when local and a zero-arity call or field access when remote.
callTail
  : CALL_IDENT LPAREN args? RPAREN doBlock?                    # parenCall
  | NPD_IDENT npArgs npDoBlock                                 # npDoCall
  | NP_IDENT npArgs                                            # npCall
  | IDENT doBlock?                                             # bareCall
  ;

primary
  : (INT | HEX | BIN | OCT | CHAR)                             # intLit
  | FLOAT                                                      # floatLit
  | (STRING | HEREDOC)                                         # stringLit
  | CHARLIST                                                   # charlistLit
  | SIGIL_W                                                    # wordsLit
  | (ATOM | QATOM)                                             # atomLit
  | (TRUE | FALSE | NIL)                                       # constLit
  | CAPTURE_ARG                                                # captureArg
  | callTail                                                   # localCall
  | aliasName                                                  # aliasLit
  | LPAREN stmts? RPAREN                                       # parens
  | LBRACKET elems? RBRACKET                                   # list
  | LBRACE elems? RBRACE                                       # tuple
  | MAP_OPEN mapBody? RBRACE                                   # map
  | PERCENT aliasName LBRACE mapBody? RBRACE                   # struct
  | FN clauses END                                             # fn
  ;

aliasName : ALIAS (DOT ALIAS)* ;

/// Call arguments: positional ones, then keyword pairs (`f(a, k: v)`). The
/// builder checks that the pairs come last; a grammar that encoded it would
/// need two tokens of lookahead after every ',' and would blame the ',' in
/// `f(1, )` instead of the ')'.
///
/// Three rules with the same shape, so that what may follow each is exact:
/// after `args` only ')', which makes the choice at each ',' LL(1) even in
/// SLL mode; `npArgs` (no parentheses) can be followed by ',' of an
/// enclosing list; `elems` (lists, tuples, maps) allow a trailing ','.
args : arg (COMMA arg)* ;
npArgs : arg (COMMA arg)* ;
elems : arg (COMMA arg)* COMMA? ;
arg
  : expr
  | kwPair
  ;

mapBody
  : expr BAR kwPairs COMMA?                                    # mapUpdate
  | elems                                                      # mapPairs
  ;

kwPairs : kwPair (COMMA kwPair)* ;
kwPair : KW expr ;

doBlock : DO blockBody blockSection* END ;
npDoBlock : DO_NP blockBody blockSection* END ;
blockSection : kw=(ELSE | AFTER | CATCH | RESCUE) blockBody ;
blockBody
  : clauses
  | stmts?
  ;

clauses : clause (EOL clause)* ;
clause : clauseHead? ARROW stmts? ;
clauseHead
  : LPAREN RPAREN
  | LPAREN expr (COMMA expr)* RPAREN (WHEN guard=expr)?
  | expr (COMMA expr)*
  ;

// ===========================================================================
// Lexer
// ===========================================================================

NL : '\r'? '\n' ;
WS : [ \t\f\r]+ -> skip ;
COMMENT : '#' ~[\r\n]* -> skip ;

// Keywords. `do:` and friends lex as KW (longest match).
DO : 'do' ;
END : 'end' ;
FN : 'fn' ;
WHEN : 'when' ;
AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;
IN : 'in' ;
TRUE : 'true' ;
FALSE : 'false' ;
NIL : 'nil' ;
ELSE : 'else' ;
AFTER : 'after' ;
CATCH : 'catch' ;
RESCUE : 'rescue' ;

// Numbers. Elixir needs digits on both sides of '.', single '_' separators.
HEX : '0x' HEXDIGIT+ ('_' HEXDIGIT+)* ;
BIN : '0b' [01]+ ('_' [01]+)* ;
OCT : '0o' [0-7]+ ('_' [0-7]+)* ;
FLOAT : DIGITS '.' DIGITS ([eE] [+-]? DIGITS)? ;
INT : DIGITS ;
/// `1e3`, `1_`, `0x_F`: a digit run glued to letters. Longer than INT only
/// when malformed; ties go to the rules above.
BAD_NUMBER : [0-9] [0-9a-zA-Z_]* ;
CHAR : '?' ( '\\' ~[\r\n] | ~[\\\r\n] ) ;

fragment DIGITS : [0-9]+ ('_' [0-9]+)* ;
fragment HEXDIGIT : [0-9a-fA-F] ;

// Strings. BAD_* match an unterminated literal up to the end of input; a
// terminated one is longer under the good rule, so it wins.
HEREDOC : '"""' HD_CHAR* '"""' ;
BAD_HEREDOC : '"""' HD_CHAR* ;
STRING : STRING_LIT ;
BAD_STRING : '"' STR_CHAR* ;
CHARLIST : '\'' ( ESC | ~['\\] )* '\'' ;
// The word-list sigil ~w(a b c) with Elixir's eight delimiters and its
// modifiers (s, a, c); the builder splits the words.
SIGIL_W : '~w' ( '(' ~[)]* ')' | '[' ~[\]]* ']' | '{' ~[}]* '}' | '<' ~[>]* '>' | '/' ~[/]* '/'
               | '|' ~[|]* '|' | '"' ~["]* '"' | '\'' ~[']* '\'' ) [a-z]* ;
BAD_CHARLIST : '\'' ( ESC | ~['\\] )* ;

fragment STRING_LIT : '"' STR_CHAR* '"' ;
fragment STR_CHAR : ESC | INTERP | ~["\\] ;
fragment ESC : '\\' . ;
fragment INTERP : '#{' INTERP_CHAR* '}' ;
fragment INTERP_CHAR : STRING_LIT | '{' INTERP_CHAR* '}' | ~[{}"] ;
fragment HD_CHAR : ESC | ~["\\] | '"' ESC | '"' ~["\\] | '""' ESC | '""' ~["\\] ;

// Keyword key `name: `; not `x::t`.
KW : [a-zA-Z_] [a-zA-Z0-9_]* [?!]? ':' { _input->LA(1) != ':' }? ;

ATOM : ':' [a-zA-Z_] [a-zA-Z0-9_@]* [?!]? ;
QATOM : ':' STRING_LIT ;

CAPTURE_ARG : '&' [0-9]+ ;

IDENT : [a-z_] [a-zA-Z0-9_]* [?!]? ;
ALIAS : [A-Z] [a-zA-Z0-9_]* ;

// Operators, longest first where it matters.
SEQ : '===' ;
SNE : '!==' ;
LSHIFT3 : '<<<' ;
RSHIFT3 : '>>>' ;
AND3 : '&&&' ;
OR3 : '|||' ;
XOR3 : '^^^' ;
PLUS3 : '+++' ;
MINUS3 : '---' ;
LSHIFTTILDE : '<<~' ;
RSHIFTTILDE : '~>>' ;
LTILDEGT : '<~>' ;
TILDE3 : '~~~' ;
PIPE : '|>' ;
EQ : '==' ;
NE : '!=' ;
MATCHOP : '=~' ;
LE : '<=' ;
GE : '>=' ;
ANDAND : '&&' ;
OROR : '||' ;
PLUSPLUS : '++' ;
MINUSMINUS : '--' ;
CONCAT : '<>' ;
RANGE : '..' ;
SLASHSLASH : '//' ;
TYPEOP : '::' ;
ARROW : '->' ;
LARROW : '<-' ;
BACKSLASH2 : '\\\\' ;
FATARROW : '=>' ;
POW : '**' ;
LTILDE : '<~' ;
TILDEGT : '~>' ;
MAP_OPEN : '%{' ;
ASSIGN : '=' ;
LT : '<' ;
GT : '>' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
BANG : '!' ;
CARET : '^' ;
AMP : '&' ;
AT : '@' ;
DOT : '.' ;
COMMA : ',' ;
SEMI : ';' ;
BAR : '|' ;
PERCENT : '%' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;

/// Anything else; the token filter reports it, so the lexer never fails.
ERRCHAR : . ;
