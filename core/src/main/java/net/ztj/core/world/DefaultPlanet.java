package net.ztj.core.world;

import java.util.HexFormat;

/**
 * The planet compiled into ZeroTier One 1.14 ("Earth", world ID 149604618, revision 1644592324813, four roots run
 * by ZeroTier, Inc.). A node that has no planet file starts with it; these are the 570 bytes every ZeroTier One node
 * carries, so keeping them byte for byte is what lets a node join the public network.
 */
public final class DefaultPlanet {
    /** The world ID of the default planet (ZT_WORLD_ID_EARTH). */
    public static final long ID = 149604618L;

    private static final String SERIALIZED_HEX = String.join("",
            "010000000008eac90a0000017ee95760cdb8b388a469221491aa9acd66cc764cdefd56039f1067ae15e69c6fb42d7b55",
            "330e3fdaac529c0792fd7340a6aa21aba8a489fdaea44a39bf2d00659ac9c818eb3600927637ef4d1404a44d54468485",
            "1379751faa79b4c4ea85040175ea065860482402e1eb342052000e6290061a9be0cd293c8b55f1c3d2524808afc54922",
            "080e3539a75addc3cef0f6ad260d588293bb7786e71efa4b9057dad9867afe12dd04cafe9efeb900ccdef76bc7b97ded",
            "904eabc5df09886d9c1514a610036cb9139cc214001a2958978efcec15712dd3948c6e6b3a8e893df01ff493d1f8d980",
            "6a860c5420571bf000020468c208862709062605988002001200003005710e3400512709778cde7190003f6681a99e5a",
            "d1895e9fba33e6212d4454e168bcec7112101bf000956ed8e92e42892cb6f2ec410881a84ab19da50e1287ba3d926c3a",
            "1f755cccf299a120705500020467c3674227090626059880040000c30254f2bca1f70019270962f865ae7100e2076c57",
            "de870e6288d7d5e7404408b1545efca37d67f77b87e9e54168c25d3ef1a9abf2905ea5e785c01dff23887ad4232d95c7",
            "a8fd2c27111a72bd159322dc0002043207fc8a270906200149f0d0db000200000000000000022709cafe04eba9006c6a",
            "9d1dea55c1616bfe2a2b8f0ff9a8cacaf70374fb1f39e3bef81cbfebef17b7228268a0a2a29d3488c752565c6c965cbd",
            "6506ec24397cc8a5d9d15285a87f0002045411359b2709062a026ea0d405000000000000000099932709");

    private static final World WORLD = parse();

    private DefaultPlanet() {}

    private static World parse() {
        byte[] b = HexFormat.of().parseHex(SERIALIZED_HEX);
        return World.deserialize(b, 0, b.length);
    }

    /** The default planet. */
    public static World world() {
        return WORLD;
    }

    /** Its 570-byte binary form (a fresh copy). */
    public static byte[] serialized() {
        return WORLD.serialize();
    }
}
