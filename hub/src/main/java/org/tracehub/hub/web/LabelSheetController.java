package org.tracehub.hub.web;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.trace.BatchLotQuery;

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

    /** Lots per page by default: ten A4 sheets of 24 labels. */
    static final int DEFAULT_SIZE = 240;
    static final int MAX_SIZE = 1000;

    /**
     * One page of the batch's labels ({@code page} from 1, {@code size} lots per page up to {@value #MAX_SIZE}): the QR
     * codes are drawn while the page renders, so a batch of a million lots is printed a page at a time, never at once.
     */
    @GetMapping("/batches/{id}/labels")
    public ModelAndView sheet(@PathVariable String id, @RequestParam(defaultValue = "1") int page,
                              @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
        Batch batch = BatchIds.isWellFormed(id) ? batches.findById(id).orElse(null) : null;
        if (batch == null) {
            ModelAndView notFound = new ModelAndView("labels/not-found");
            notFound.addObject("batchId", TraceCodes.shown(id));
            notFound.setStatus(HttpStatus.NOT_FOUND);
            return notFound;
        }
        int perPage = Math.min(Math.max(size, 1), MAX_SIZE);
        long total = lots.countLots(id);
        int pages = (int) Math.max(1, (total + perPage - 1) / perPage);
        int shown = Math.min(Math.max(page, 1), pages);
        var labels = lots.lotsOf(id, (shown - 1) * perPage, perPage).stream().map(lot -> {
            String url = links.pageOf(lot.traceCode());
            String product = lot.productName() != null ? lot.productName() : ChineseTerms.category(lot.category());
            return new LabelSheet.Label(lot.traceCode(), product, url, qr.svg(url, LABEL_QR));
        }).toList();
        ModelAndView sheet = new ModelAndView("labels/sheet");
        sheet.addObject("sheet", new LabelSheet(batch.id(), batch.sourceId(), batch.fileName(), batch.status().chinese(), labels,
                total, shown, pages, perPage));
        return sheet;
    }
}
