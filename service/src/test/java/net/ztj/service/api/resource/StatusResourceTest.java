package net.ztj.service.api.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.service.json.JsonText;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** /status builds its object by hand (no Jackson mapper on the start path); it is the object Jackson would bind. */
class StatusResourceTest {
    @Test
    void theHandBuiltTreeIsTheOneJacksonBindsFromTheRecord() throws Exception {
        ObjectNode config = (ObjectNode) JsonText.parse("{\"settings\":{\"primaryPort\":9993,\"listeningOn\":[\"1.2.3.4/9993\"]}}");
        StatusResource.StatusJson s = new StatusResource.StatusJson("8056c2e21c", 1_700_000_000_123L, config, true,
                149604618L, 1_644_592_324_813L, "8056c2e21c:0:abcd", false, "1.14.1", 0, 1, 14, 1);
        assertEquals(JsonText.compact(JsonText.tree(s)), JsonText.compact(s.tree()));
        StatusResource.StatusJson offline = new StatusResource.StatusJson("0000000001", 0, JsonText.object(), false,
                0, 0, "", true, "", -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 7);
        assertEquals(JsonText.compact(JsonText.tree(offline)), JsonText.compact(offline.tree()));
    }
}
