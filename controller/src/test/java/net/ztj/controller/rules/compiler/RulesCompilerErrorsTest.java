package net.ztj.controller.rules.compiler;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid sources are refused with an error at the line and column of the word at fault, saying what is wrong. */
class RulesCompilerErrorsTest {

    static Stream<Arguments> invalidSources() {
        return Stream.of(
                Arguments.of("accept\n  dport 99999;", 2, 9, "from 0 to 65535"),
                Arguments.of("drop not ethertype ipv5;", 1, 20, "ethertype must be a number or one of"),
                Arguments.of("accept;\nfoo;", 2, 1, "'foo' is not an action"),
                Arguments.of("dport 22;", 1, 1, "matches go after an action"),
                Arguments.of("accept ipsrc 10.0.0.1;", 1, 14, "needs its /bits"),
                Arguments.of("accept ipsrc 10.0.0.300/8;", 1, 14, "'10.0.0.300' is not an IPv4 or IPv6 address"),
                Arguments.of("accept ipdest fd00::1/129;", 1, 15, "from 0 to 128"),
                Arguments.of("accept teq nosuchtag 1;", 1, 12, "no tag named 'nosuchtag'"),
                Arguments.of("tag t enum 1 a;", 1, 5, "needs an id"),
                Arguments.of("tag 1t id 1;", 1, 5, "not a valid tag name"),
                Arguments.of("tag drop id 1;", 1, 5, "'drop' is a keyword"),
                Arguments.of("tag t id 1 color red;", 1, 12, "expected id, default, flag or enum"),
                Arguments.of("tag t id 1 enum 1 a enum 2 a;", 1, 28, "already defined"),
                Arguments.of("tag t id 1 flag 32 big;", 1, 17, "bit index from 0 to 31"),
                Arguments.of("tag t id 1 default nothing;", 1, 20, "flag or enum name"),
                Arguments.of("tag t id 1 enum 1 drop;", 1, 19, "'drop' is a keyword"),
                Arguments.of("cap a id 1 accept; ;\ncap b id 1 accept; ;", 2, 10, "already has id 1"),
                Arguments.of("cap a accept;;", 1, 5, "needs an id"),
                Arguments.of("cap a id 1 accept; ;\ncap A id 2 accept; ;", 2, 5, "already defined"),
                Arguments.of("tag;", 1, 1, "needs a name"),
                Arguments.of("macro m($x) accept dport $x; ;\ninclude m", 2, 9, "needs 1 parameter(s): $x"),
                Arguments.of("macro m accept dport $y; ;\ninclude m", 1, 22, "'$y' is not a parameter"),
                Arguments.of("include nope", 1, 9, "no macro named 'nope'"),
                Arguments.of("include", 1, 1, "include needs a macro name"),
                Arguments.of("macro m include m ;\ninclude m", 1, 17, "includes itself"),
                Arguments.of("accept not;", 1, 8, "'not' must be followed by a match"),
                Arguments.of("accept ipprotocol icmp;", 1, 8, "('icmp' is a keyword)"),
                Arguments.of("accept ipprotocol;", 1, 8, "ipprotocol needs 1 argument"),
                Arguments.of("accept iptos 0xfc;", 1, 8, "iptos needs 2 arguments"),
                Arguments.of("tee 10;", 1, 1, "tee needs a length"),
                Arguments.of("watch 70000 0123456789;", 1, 7, "from 0 to 65535"),
                Arguments.of("redirect 12345;", 1, 10, "10 hex digits"),
                Arguments.of("accept ztsrc 01234567g9;", 1, 14, "10 hex digits"),
                Arguments.of("accept chr tcp_foo;", 1, 12, "'tcp_foo' is neither a bit index"),
                Arguments.of("accept chr 64;", 1, 12, "from 0 to 63"),
                Arguments.of("accept random 1.5;", 1, 15, "from 0 to 1"),
                Arguments.of("accept macsrc 00:11:22:33:44;", 1, 15, "6 hex bytes"),
                Arguments.of("accept sport 2000-1000;", 1, 14, "ends before it starts"),
                Arguments.of("accept framesize 1-2-3;", 1, 18, "must be a number"),
                Arguments.of("accept icmp 8 300;", 1, 15, "ICMP code"),
                Arguments.of("accept vlan 4096;", 1, 13, "from 0 to 4095"),
                Arguments.of("accept teq 5 0x100000000;", 1, 14, "from 0 to 4294967295"),
                Arguments.of("priority 1;", 1, 1, "priority"),
                Arguments.of("drop ethertype ipv4\naccept;", 2, 1, "is the ; before it missing?"),
                Arguments.of("\taccept dport x;", 1, 15, "must be a number"),
                Arguments.of("accept;\r\nfoo;", 2, 1, "not an action"),
                Arguments.of("accept;\rfoo;", 2, 1, "not an action"),
                Arguments.of("# comment; accept;\n  accept dport x;", 2, 16, "must be a number"));
    }

    @ParameterizedTest
    @MethodSource("invalidSources")
    void refusedAtTheWordAtFault(String source, int line, int column, String message) {
        CompileError e = errors(source).getFirst();
        assertEquals(List.of(line, column), List.of(e.line(), e.column()), e.toString());
        assertTrue(e.message().contains(message), e.toString());
    }

    @Test
    void everyBadStatementIsReportedInSourceOrder() {
        List<CompileError> errors = errors("foo;\ncap c id 1 accept dport x; ;\naccept vlan 9999;\nbar;");
        assertEquals(List.of("1:1", "2:25", "3:13", "4:1"), errors.stream().map(e -> e.line() + ":" + e.column()).toList());
    }

    @Test
    void aMistypedKeywordIsReportedOnceWithTheKeywordMeant() {
        assertEquals(List.of("1:1 'acept' is not an action: expected drop, accept, break, tee, watch, redirect or include"
                + " (did you mean 'accept'?)"), errors("acept ethertype arp and dport 22;\naccept;").stream()
                .map(e -> e.line() + ":" + e.column() + " " + e.message()).toList());
        assertTrue(errors("accept ethertyp arp;").getFirst().message().endsWith("(did you mean 'ethertype'?)"));
        assertTrue(errors("accept xyzzy arp;").getFirst().message().endsWith("is not a match"));
    }

    @Test
    void aBrokenDefinitionIsReportedOnceNotAtEachUse() {
        List<CompileError> errors = errors("accept tand t 5;\ntag t id 1 flag 40 x;\naccept teq t 1;\n"
                + "macro 9m accept; ;\ninclude 9m");
        assertEquals(List.of("2:17", "4:7"), errors.stream().map(e -> e.line() + ":" + e.column()).toList());
    }

    @Test
    void tooManyRulesAreRefusedAsNoNetworkConfigCarriesThem() {
        String many = "accept dport 1;\n".repeat(Vocabulary.MAX_RULES / 2) + "accept dport 2;\n";
        CompileError e = errors(many).getFirst();
        assertEquals(Vocabulary.MAX_RULES / 2 + 1, e.line());
        assertTrue(e.message().contains("more than 1024 rules"), e.toString());
        String capRules = "cap c id 1\n" + "accept dport 1;\n".repeat(Vocabulary.MAX_CAPABILITY_RULES / 2 + 1) + ";";
        assertTrue(errors(capRules).getFirst().message().contains("more than 64 rules"));
        StringBuilder tags = new StringBuilder();
        StringBuilder caps = new StringBuilder();
        for (int i = 0; i <= Vocabulary.MAX_TAGS; i++) tags.append("tag t").append(i).append(" id ").append(i).append(";\n");
        for (int i = 0; i <= Vocabulary.MAX_CAPABILITIES; i++) caps.append("cap c").append(i).append(" id ").append(i).append(" accept; ;\n");
        assertEquals(List.of("129:1 a network takes at most 128 tags"),
                errors(tags.toString()).stream().map(x -> x.line() + ":" + x.column() + " " + x.message()).toList());
        assertEquals(List.of("129:1 a network takes at most 128 capabilities"),
                errors(caps.toString()).stream().map(x -> x.line() + ":" + x.column() + " " + x.message()).toList());
    }

    @Test
    void macroExpansionIsBounded() {
        StringBuilder s = new StringBuilder("macro m0 include m1 include m1 ;\n");
        for (int i = 1; i < 30; i++) s.append("macro m").append(i).append(" include m").append(i + 1).append(" include m")
                .append(i + 1).append(" ;\n");
        s.append("macro m30 accept; ;\ninclude m0\n");
        assertTrue(errors(s.toString()).stream().anyMatch(e -> e.message().contains("too many macro inclusions")
                || e.message().contains("more than 1024 rules")));
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 100; i++) deep.append("macro d").append(i).append(" include d").append(i + 1).append(" ;\n");
        deep.append("macro d100 accept; ;\ninclude d0\n");
        assertTrue(errors(deep.toString()).getFirst().message().contains("nested too deeply"));
    }

    @Test
    void compilingStopsAtAHundredErrorsOrTooMuchExpansion() {
        List<CompileError> errors = errors("accept dport x;\n".repeat(500));
        assertEquals(RulesCompiler.MAX_ERRORS, errors.size());
        assertEquals(1, errors.getFirst().line());
        String silent = "macro 9b accept; ;\nmacro a " + "include 9b ".repeat(1000) + ";\n"
                + "include a\n".repeat(200);
        assertTrue(errors(silent).stream().anyMatch(e -> e.message().equals("the rules expand to too many statements")));
    }

    @Test
    void longWordsAreShortenedInMessages() {
        assertEquals("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is not an action: expected drop, accept, break, tee, watch,"
                + " redirect or include", errors("a".repeat(1 << 20)).getFirst().message());
        assertTrue(errors("accept dport " + "1".repeat(100_000) + ";").getFirst().message().length() < 100);
    }

    static List<CompileError> errors(String source) {
        return assertInstanceOf(CompileResult.Failed.class, RulesCompiler.compile(source)).errors();
    }
}
