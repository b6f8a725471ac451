package net.ztj.service.dns;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MemberNamesTest {
    @Test
    void namesBecomeLowercaseLabelsWithOneHyphenPerGap() {
        assertEquals("build-server-2", MemberNames.label("Build Server #2"));
        assertEquals("web-1", MemberNames.label("web-1"));
        assertEquals("a-b", MemberNames.label("--a__b.."));
        assertEquals("caf", MemberNames.label("café"));
        assertEquals("", MemberNames.label("  ...  "));
        assertEquals("", MemberNames.label(null));
    }

    @Test
    void labelsAreCutTo63Characters() {
        assertEquals(63, MemberNames.label("x".repeat(100)).length());
        assertEquals("a".repeat(62), MemberNames.label("a".repeat(62) + " b c"));
        assertEquals("a".repeat(61) + "-b", MemberNames.label("a".repeat(61) + " b c"));
    }
}
