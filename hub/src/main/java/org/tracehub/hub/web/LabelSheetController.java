package org.tracehub.hub.web;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.trace.BatchLotQuery;
import org.tracehub.routes.receipt.StatusTexts;

/**
 * {@code /batches/{id}/labels}: an A4 sheet to print and stick on the lots of a batch — per accepted
 * lot a QR code (level Q: labels on fresh goods get smeared), the human-readable trace code and the
 * product. Rejected rows have no lot and no label; a batch not loaded yet has an empty sheet that says why.
 */
@Controller
public class LabelSheetController {

    /** Printed at about 3 cm; the SVG scales without loss, the size only matters for the screen. */
    private static final QrOptions LABEL_QR = new QrOptions(160, ErrorCorrectionLevel.Q);

    private final BatchRepository batches;
    private final BatchLotQuery lots;
    private final QrCodes qr;
    private final ConsumerLinks links;

    public LabelSheetController(BatchRepository batches, BatchLotQuery lots, QrCodes qr, ConsumerLinks links) {
        this.batches = batches;
        this.lots = lots;
        this.qr = qr;
        this.links = links;
    }

    @GetMapping("/batches/{id}/labels")
    public ModelAndView sheet(@PathVariable String id) {
        Batch batch = BatchIds.isWellFormed(id) ? batches.findById(id).orElse(null) : null;
        if (batch == null) {
            ModelAndView page = new ModelAndView("labels/not-found");
            page.addObject("batchId", TraceCodes.shown(id));
            page.setStatus(HttpStatus.NOT_FOUND);
            return page;
        }
        var labels = lots.lotsOf(id).stream().map(lot -> {
            String url = links.pageOf(lot.traceCode());
            String product = lot.productName() != null ? lot.productName() : ChineseTerms.category(lot.category());
            return new LabelSheet.Label(lot.traceCode(), product, url, qr.svg(url, LABEL_QR));
        }).toList();
        ModelAndView page = new ModelAndView("labels/sheet");
        page.addObject("sheet", new LabelSheet(batch.id(), batch.sourceId(), batch.fileName(), StatusTexts.chinese(batch.status()), labels));
        return page;
    }
}
